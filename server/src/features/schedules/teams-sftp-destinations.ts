/**
 * A schedule's Teams URLs and SFTP targets, checked at save (typed errors with the field path,
 * nothing saved on any problem) and sealed: a Teams URL is its own credential, an SFTP private key
 * is one, so both are kept only sealed with SECRETS_KEY and the API shows a Teams URL redacted and
 * an SFTP key not at all. Because the API never returns them, an edit names what it keeps: the
 * redacted form of a stored Teams URL, the id of a stored SFTP target (its key kept when no new
 * one is given).
 *
 * Teams URLs follow the webhooks' rules (delivery/webhooks/address-policy.ts): https:// (http://
 * outside production), and in production every address the host resolves to must be public. SFTP
 * hosts get the same address rule; their remote path is an S3 key template (delivery/s3-key.ts).
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { FieldError } from '../../errors.js';
import { keyTemplateProblem } from '../delivery/s3-key.js';
import { DeliverySendError } from '../delivery/send-error.js';
import { normaliseFingerprint, privateKeyProblem } from '../delivery/sftp/sftp-key.js';
import { redactTeamsUrl } from '../delivery/teams/teams-sender.js';
import { webhookUrlProblem } from '../delivery/webhooks/address-policy.js';
import { resolvePinnedAddress } from '../delivery/webhooks/webhook-sender.js';
import type { DestinationRules } from './destinations.js';
import type { SftpTarget, TeamsWebhook } from './schedule.entity.js';

export const MAX_TEAMS_WEBHOOKS = 10;
export const MAX_SFTP_TARGETS = 5;

/** In production: a refusal of the host's addresses as words (a DNS hiccup now is no reason to refuse the save). */
async function addressRefusal(host: string, rules: DestinationRules): Promise<string | null> {
  if (rules.allowPrivateWebhooks) return null;
  try {
    await resolvePinnedAddress(host, false, rules.resolve);
    return null;
  } catch (error) {
    return error instanceof DeliverySendError && !error.retryable ? error.message : null;
  }
}

/**
 * `raw`: new URLs, or the redacted form of a stored one (kept as it is). `seal` seals a new URL.
 * Problems at `input.teamsWebhookUrls.<i>`.
 */
export async function checkTeamsWebhooks(raw: string[], stored: TeamsWebhook[], rules: DestinationRules, problems: FieldError[], seal: (url: string) => string): Promise<TeamsWebhook[]> {
  const out: TeamsWebhook[] = [];
  for (const [i, value] of raw.entries()) {
    const entry = value.trim();
    const kept = stored.find((h) => h.redacted === entry);
    if (kept) {
      if (!out.some((h) => h.redacted === kept.redacted)) out.push(kept);
      continue;
    }
    const path = `input.teamsWebhookUrls.${i}`;
    if (entry.includes('…')) {
      problems.push({ path, message: 'not a Teams URL of this schedule: paste the whole URL again' });
      continue;
    }
    const problem = webhookUrlProblem(entry, { allowInsecure: rules.allowPrivateWebhooks });
    if (problem) {
      problems.push({ path, message: problem });
      continue;
    }
    const refusal = await addressRefusal(new URL(entry).hostname, rules);
    if (refusal) {
      problems.push({ path, message: refusal.replace('(webhooks may only reach public addresses)', '(Teams URLs may only reach public addresses)') });
      continue;
    }
    const redacted = redactTeamsUrl(entry);
    if (!out.some((h) => h.redacted === redacted)) out.push({ ciphertext: seal(entry), redacted });
  }
  if (out.length > MAX_TEAMS_WEBHOOKS) problems.push({ path: 'input.teamsWebhookUrls', message: `at most ${MAX_TEAMS_WEBHOOKS} Teams URLs` });
  return out;
}

export interface SftpTargetFields {
  /** A stored target's id: its private key is kept when `privateKey` is left out. */
  id?: string | null;
  host: string;
  port?: number | null;
  username: string;
  /** OpenSSH or PEM private key, unencrypted; required for a new target. */
  privateKey?: string | null;
  pathTemplate: string;
  hostKeyFingerprint: string;
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const USER_NAME = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,99}$/;

/** Problems at `input.sftpTargets.<i>.<field>`. `seal` seals a new private key. */
export async function checkSftpTargets(raw: SftpTargetFields[], stored: SftpTarget[], rules: DestinationRules, problems: FieldError[], seal: (key: string) => string): Promise<SftpTarget[]> {
  const out: SftpTarget[] = [];
  for (const [i, t] of raw.entries()) {
    const at = (field: string) => `input.sftpTargets.${i}.${field}`;
    const before = problems.length;
    const previous = t.id ? stored.find((s) => s.id === t.id) : undefined;
    if (t.id && !previous) problems.push({ path: at('id'), message: 'no SFTP target with this id on the schedule' });
    const host = t.host.trim().replace(/^\[|\]$/g, '');
    if (!HOST_NAME.test(host) && !isIP(host)) problems.push({ path: at('host'), message: `"${t.host}" is not a host name or IP address` });
    else {
      const refusal = await addressRefusal(host, rules);
      if (refusal) problems.push({ path: at('host'), message: refusal.replace('(webhooks may only reach public addresses)', '(SFTP targets may only be public addresses)') });
    }
    const port = t.port ?? 22;
    if (!Number.isInteger(port) || port < 1 || port > 65_535) problems.push({ path: at('port'), message: 'between 1 and 65535' });
    const username = t.username.trim();
    if (!USER_NAME.test(username)) problems.push({ path: at('username'), message: 'letters, digits, . _ - (up to 100)' });
    const keyProblem = t.pathTemplate.endsWith('/') ? 'must end with a file name' : keyTemplateProblem(t.pathTemplate);
    if (keyProblem) problems.push({ path: at('pathTemplate'), message: keyProblem });
    const fingerprint = normaliseFingerprint(t.hostKeyFingerprint);
    if (!fingerprint) problems.push({ path: at('hostKeyFingerprint'), message: 'SHA256:… as `ssh-keyscan HOST | ssh-keygen -lf -` prints it' });
    let privateKeyCiphertext = previous?.privateKeyCiphertext;
    if (t.privateKey != null && t.privateKey.trim() !== '') {
      const problem = privateKeyProblem(t.privateKey);
      if (problem) problems.push({ path: at('privateKey'), message: problem });
      else privateKeyCiphertext = seal(t.privateKey.replace(/\r\n/g, '\n'));
    } else if (!previous) problems.push({ path: at('privateKey'), message: 'a new SFTP target needs a private key' });
    if (problems.length > before || !privateKeyCiphertext || !fingerprint) continue;
    const target: SftpTarget = { id: previous?.id ?? randomUUID(), host, port, username, privateKeyCiphertext, pathTemplate: t.pathTemplate, hostKeyFingerprint: fingerprint };
    if (out.some((o) => o.host === target.host && o.port === target.port && o.username === target.username && o.pathTemplate === target.pathTemplate)) {
      problems.push({ path: at('pathTemplate'), message: 'the same server, user and path as another SFTP target' });
      continue;
    }
    out.push(target);
  }
  if (out.length > MAX_SFTP_TARGETS) problems.push({ path: 'input.sftpTargets', message: `at most ${MAX_SFTP_TARGETS} SFTP targets` });
  return out;
}
