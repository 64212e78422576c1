import { describe, expect, it } from 'vitest';
import type { FieldError } from '../../errors.js';
import { checkWebhookUrls, newWebhookSecret, normaliseSlackChannels } from './destinations.js';

const dns: Record<string, { address: string; family: number }[]> = {
  'hooks.example.com': [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 }],
  'metadata.attacker.test': [{ address: '169.254.169.254', family: 4 }],
  'mixed.attacker.test': [{ address: '93.184.216.34', family: 4 }, { address: 'fd00::1', family: 6 }],
  'mapped.attacker.test': [{ address: '::ffff:10.0.0.8', family: 6 }],
};
const resolve = async (host: string) => {
  const found = dns[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found;
};

describe('checkWebhookUrls in production', () => {
  const rules = { allowPrivateWebhooks: false, resolve };
  it('accepts public https URLs and refuses, by index, what resolves (even in part) to internal addresses', async () => {
    const problems: FieldError[] = [];
    const urls = await checkWebhookUrls([
      'https://hooks.example.com/in', 'http://hooks.example.com/in', 'https://metadata.attacker.test/x', 'https://mixed.attacker.test/',
      'https://mapped.attacker.test/', 'https://[::1]/', 'https://nowhere.example.invalid/', 'https://hooks.example.com/in',
    ], rules, problems);
    expect(urls).toEqual(['https://hooks.example.com/in']);
    expect(problems).toEqual([
      { path: 'input.webhookUrls.1', message: 'must be an https:// URL' },
      { path: 'input.webhookUrls.2', message: 'Refused: metadata.attacker.test resolves to 169.254.169.254 is a link-local address (webhooks may only reach public addresses)' },
      { path: 'input.webhookUrls.3', message: 'Refused: mixed.attacker.test resolves to fd00::1 is a private-network address (webhooks may only reach public addresses)' },
      { path: 'input.webhookUrls.4', message: 'Refused: mapped.attacker.test resolves to ::ffff:10.0.0.8 is a private-network address (webhooks may only reach public addresses)' },
      { path: 'input.webhookUrls.5', message: 'refused: ::1 is a loopback address' },
      { path: 'input.webhookUrls.6', message: 'Could not resolve nowhere.example.invalid (ENOTFOUND)' },
    ]);
  });

  it('outside production: http and local receivers are allowed without a DNS check', async () => {
    const problems: FieldError[] = [];
    expect(await checkWebhookUrls(['http://127.0.0.1:9000/x', 'http://localhost/y'], { allowPrivateWebhooks: true, resolve }, problems)).toEqual(['http://127.0.0.1:9000/x', 'http://localhost/y']);
    expect(problems).toEqual([]);
  });
});

describe('normaliseSlackChannels', () => {
  it('keeps ids, lower-cases #names, adds the #, drops duplicates, refuses the rest by index', () => {
    const problems: FieldError[] = [];
    expect(normaliseSlackChannels(['C0123ABCD', 'Reports', '#reports', '#東京-レポート', 'bad name', '#a<b>'], problems)).toEqual(['C0123ABCD', '#reports', '#東京-レポート']);
    expect(problems).toEqual([
      { path: 'input.slackChannels.4', message: '"bad name" is not a Slack channel id (C…) or #name' },
      { path: 'input.slackChannels.5', message: '"#a<b>" is not a Slack channel id (C…) or #name' },
    ]);
  });
});

it('newWebhookSecret: whsec_ and 32 random bytes, never twice the same', () => {
  const a = newWebhookSecret();
  expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
  expect(newWebhookSecret()).not.toBe(a);
});
