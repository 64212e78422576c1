/**
 * A schedule's Microsoft Teams URLs and SFTP servers (issue 20). Both carry credentials the server
 * never returns: a stored Teams URL comes back redacted (`https://host/…(digest)`) and is kept by
 * sending that form back; a stored SFTP target keeps its private key when the key box is left empty
 * (it is named by its id). Problems show at their field (`sftpTargets.<i>.<field>`).
 */
import { useEffect, useId, useState } from 'react';
import { splitLines } from './Destinations';

export interface SftpTargetForm {
  /** A stored target's id; null for a new one. */
  id: string | null;
  host: string;
  port: string;
  username: string;
  /** Empty: keep the stored key (a stored target) — required for a new one. */
  privateKey: string;
  pathTemplate: string;
  hostKeyFingerprint: string;
}

export interface StoredSftpTarget {
  id: string; host: string; port: number; username: string; pathTemplate: string; hostKeyFingerprint: string;
}

export const sftpFormOf = (t: StoredSftpTarget): SftpTargetForm => ({
  id: t.id, host: t.host, port: String(t.port), username: t.username, privateKey: '', pathTemplate: t.pathTemplate, hostKeyFingerprint: t.hostKeyFingerprint,
});

const NEW_TARGET: SftpTargetForm = { id: null, host: '', port: '22', username: '', privateKey: '', pathTemplate: '{tenant}/{report}/{date}.{format}', hostKeyFingerprint: '' };

/** The GraphQL SftpTargetInput of a form row. */
export function sftpTargetInput(t: SftpTargetForm) {
  const port = Number(t.port.trim() || 22);
  return {
    ...(t.id ? { id: t.id } : {}),
    host: t.host.trim(), port: Number.isFinite(port) ? port : 0, username: t.username.trim(),
    ...(t.privateKey.trim() ? { privateKey: t.privateKey } : {}),
    pathTemplate: t.pathTemplate.trim(), hostKeyFingerprint: t.hostKeyFingerprint.trim(),
  };
}

/** Problems the page can tell before saving, by error path. */
export function sftpProblems(targets: SftpTargetForm[]): Record<string, string> {
  const e: Record<string, string> = {};
  targets.forEach((t, i) => {
    if (!t.host.trim()) e[`sftpTargets.${i}.host`] = 'Enter the host.';
    if (!t.username.trim()) e[`sftpTargets.${i}.username`] = 'Enter the user name.';
    if (!t.id && !t.privateKey.trim()) e[`sftpTargets.${i}.privateKey`] = 'Paste the private key for this user.';
    if (!t.hostKeyFingerprint.trim()) e[`sftpTargets.${i}.hostKeyFingerprint`] = 'Enter the host key fingerprint (SHA256:…).';
    if (!t.pathTemplate.trim()) e[`sftpTargets.${i}.pathTemplate`] = 'Enter a path template.';
  });
  return e;
}

function Input({ label, hint, error, value, onChange, disabled, mono, placeholder, testId, type = 'text' }: {
  label: string; hint?: string; error?: string; value: string; onChange(v: string): void; disabled?: boolean; mono?: boolean; placeholder?: string; testId: string; type?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <div className="field-label"><label htmlFor={id}>{label}</label>{hint && <span className="hint">{hint}</span>}</div>
      <input id={id} type={type} data-testid={testId} className={mono ? 'mono' : undefined} value={value} disabled={disabled} placeholder={placeholder}
        aria-invalid={!!error} spellCheck={false} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      {error && <span className="field-error" role="alert">{error}</span>}
    </div>
  );
}

function SftpTargetEditor({ index, value, onChange, onRemove, err, disabled }: {
  index: number; value: SftpTargetForm; onChange(v: SftpTargetForm): void; onRemove(): void; err(path: string): string | undefined; disabled?: boolean;
}) {
  const keyId = useId();
  const at = (field: string) => err(`sftpTargets.${index}.${field}`);
  const set = (patch: Partial<SftpTargetForm>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="card sftp-target" data-testid="sftp-target">
      <legend className="small">SFTP server {index + 1}{value.id ? '' : ' (new)'}</legend>
      <div className="row">
        <Input label="Host" testId="sftp-host" value={value.host} onChange={(host) => set({ host })} error={at('host')} disabled={disabled} placeholder="sftp.example.com" />
        <Input label="Port" testId="sftp-port" type="number" value={value.port} onChange={(port) => set({ port })} error={at('port')} disabled={disabled} />
        <Input label="User" testId="sftp-username" value={value.username} onChange={(username) => set({ username })} error={at('username')} disabled={disabled} placeholder="reports" />
      </div>
      <Input label="Remote path" hint="relative to the login directory: {tenant} {report} {schedule} {date} {format}" testId="sftp-path" mono
        value={value.pathTemplate} onChange={(pathTemplate) => set({ pathTemplate })} error={at('pathTemplate')} disabled={disabled} />
      <Input label="Host key fingerprint" hint="ssh-keyscan HOST | ssh-keygen -lf -" testId="sftp-fingerprint" mono placeholder="SHA256:…"
        value={value.hostKeyFingerprint} onChange={(hostKeyFingerprint) => set({ hostKeyFingerprint })} error={at('hostKeyFingerprint')} disabled={disabled} />
      <div className="field">
        <div className="field-label">
          <label htmlFor={keyId}>Private key</label>
          <span className="hint">{value.id ? 'stored encrypted, never shown; paste a new one to replace it, or leave empty to keep it' : 'unencrypted OpenSSH or PEM key of this user; stored encrypted, never shown again'}</span>
        </div>
        <textarea id={keyId} data-testid="sftp-private-key" className="mono" rows={value.privateKey ? 4 : 2} value={value.privateKey} disabled={disabled} spellCheck={false} autoComplete="off"
          placeholder={value.id ? '(stored key kept)' : '-----BEGIN OPENSSH PRIVATE KEY-----'} aria-invalid={!!at('privateKey')} onChange={(e) => set({ privateKey: e.target.value })} />
        {at('privateKey') && <span className="field-error" role="alert">{at('privateKey')}</span>}
      </div>
      {!disabled && <div><button type="button" onClick={onRemove}>Remove this server</button></div>}
    </fieldset>
  );
}

export function TeamsSftpInput({ teamsWebhookUrls, sftpTargets, onTeams, onSftp, err, disabled }: {
  teamsWebhookUrls: string[]; sftpTargets: SftpTargetForm[]; onTeams(v: string[]): void; onSftp(v: SftpTargetForm[]): void;
  err(path: string): string | undefined; disabled?: boolean;
}) {
  const teamsId = useId();
  const [text, setText] = useState(teamsWebhookUrls.join('\n'));
  // Replaced from outside (after a save the stored URLs come back redacted): show that list.
  useEffect(() => {
    if (splitLines(text).join('\n') !== teamsWebhookUrls.join('\n')) setText(teamsWebhookUrls.join('\n'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [teamsWebhookUrls]);
  const teamsError = err('teamsWebhookUrls');
  return (
    <>
      <div className="field">
        <div className="field-label">
          <label htmlFor={teamsId}>Microsoft Teams URLs</label>
          <span className="hint">one per line: a channel&apos;s incoming-webhook or Workflows URL; each run posts a card with the summary, chart and a Download button. Saved URLs show shortened (they are secrets); keep a line to keep that URL.</span>
        </div>
        <textarea id={teamsId} data-testid="teams-urls" className="mono" rows={Math.max(2, teamsWebhookUrls.length + 1)} value={text} disabled={disabled} spellCheck={false}
          placeholder="https://contoso.webhook.office.com/webhookb2/…" aria-invalid={!!teamsError}
          onChange={(e) => { setText(e.target.value); onTeams(splitLines(e.target.value)); }} />
        {teamsError && <span className="field-error" role="alert">{teamsError}</span>}
      </div>
      <div className="field">
        <div className="field-label"><span>SFTP servers</span><span className="hint">each run&apos;s file is uploaded under a temporary name, then renamed into place</span></div>
        {sftpTargets.map((t, i) => (
          <SftpTargetEditor key={t.id ?? `new-${i}`} index={i} value={t} err={err} disabled={disabled}
            onChange={(v) => onSftp(sftpTargets.map((x, j) => (j === i ? v : x)))} onRemove={() => onSftp(sftpTargets.filter((_, j) => j !== i))} />
        ))}
        {err('sftpTargets') && !sftpTargets.length && <span className="field-error" role="alert">{err('sftpTargets')}</span>}
        {!disabled && <div><button type="button" data-testid="add-sftp" onClick={() => onSftp([...sftpTargets, { ...NEW_TARGET }])}>Add an SFTP server</button></div>}
      </div>
    </>
  );
}
