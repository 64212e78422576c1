import { describe, expect, it } from 'vitest';
import type { FieldError } from '../../errors.js';
import { checkSftpTargets, checkTeamsWebhooks } from './teams-sftp-destinations.js';
import type { SftpTarget, TeamsWebhook } from './schedule.entity.js';

const dns: Record<string, { address: string; family: number }[]> = {
  'contoso.webhook.office.com': [{ address: '52.112.0.10', family: 4 }],
  'sftp.example.com': [{ address: '93.184.216.34', family: 4 }],
  'internal.example.com': [{ address: '10.0.0.8', family: 4 }],
};
const resolve = async (host: string) => {
  if (!dns[host]) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return dns[host]!;
};
const production = { allowPrivateWebhooks: false, resolve };
const seal = (v: string) => `sealed(${v.length})`;
const FP = `SHA256:${'x'.repeat(43)}`;

describe('checkTeamsWebhooks in production', () => {
  it('seals new URLs, keeps stored ones named by their redacted form, refuses internal hosts at their index', async () => {
    const stored: TeamsWebhook[] = [{ ciphertext: 'v1.kept', redacted: 'https://contoso.webhook.office.com/…(0a0b0c0d)' }];
    const problems: FieldError[] = [];
    const out = await checkTeamsWebhooks([
      'https://contoso.webhook.office.com/…(0a0b0c0d)', 'https://contoso.webhook.office.com/webhookb2/x/IncomingWebhook/SECRET/y',
      'http://contoso.webhook.office.com/x', 'https://internal.example.com/hook', 'https://contoso.webhook.office.com/…(ffffffff)',
    ], stored, production, problems, seal);
    expect(out.map((h) => h.ciphertext)).toEqual(['v1.kept', expect.stringMatching(/^sealed\(\d+\)$/)]);
    expect(out[1]!.redacted).toMatch(/^https:\/\/contoso\.webhook\.office\.com\/…\([0-9a-f]{8}\)$/);
    expect(problems).toEqual([
      { path: 'input.teamsWebhookUrls.2', message: 'must be an https:// URL' },
      { path: 'input.teamsWebhookUrls.3', message: 'Refused: internal.example.com resolves to 10.0.0.8 is a private-network address (Teams URLs may only reach public addresses)' },
      { path: 'input.teamsWebhookUrls.4', message: 'not a Teams URL of this schedule: paste the whole URL again' },
    ]);
  });
});

describe('checkSftpTargets in production', () => {
  const stored: SftpTarget[] = [{ id: 't1', host: 'sftp.example.com', port: 22, username: 'reports', privateKeyCiphertext: 'v1.key', pathTemplate: 'a/{date}.{format}', hostKeyFingerprint: FP }];
  it('keeps a stored target\'s key by id; refuses an internal host, an unknown id, a path without a file name and a duplicate', async () => {
    const problems: FieldError[] = [];
    const base = { host: 'sftp.example.com', username: 'reports', pathTemplate: 'a/{date}.{format}', hostKeyFingerprint: FP.slice(7) };
    const out = await checkSftpTargets([
      { ...base, id: 't1' },
      { ...base, host: 'internal.example.com', id: 't1' },
      { ...base, id: 'nope' },
      { ...base, id: 't1', pathTemplate: 'a/' },
      { ...base, id: 't1' },
    ], stored, production, problems, seal);
    expect(out).toEqual([{ ...stored[0], hostKeyFingerprint: FP }]);
    expect(problems).toEqual([
      { path: 'input.sftpTargets.1.host', message: 'Refused: internal.example.com resolves to 10.0.0.8 is a private-network address (SFTP targets may only be public addresses)' },
      { path: 'input.sftpTargets.2.id', message: 'no SFTP target with this id on the schedule' },
      { path: 'input.sftpTargets.2.privateKey', message: 'a new SFTP target needs a private key' },
      { path: 'input.sftpTargets.3.pathTemplate', message: 'must end with a file name' },
      { path: 'input.sftpTargets.4.pathTemplate', message: 'the same server, user and path as another SFTP target' },
    ]);
  });
});
