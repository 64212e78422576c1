/**
 * A schedule's Slack channels and webhook URLs (one per line), and its webhook signing secret,
 * which the server returns once (at the save that made it, or a rotation) and never again: the page
 * shows it until dismissed, and keeps it nowhere.
 */
import { useId, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { ROTATE_WEBHOOK_SECRET, SLACK_CONNECTION } from './documents';
import { friendly } from './util';

/** A secret made by a create, handed to the editor the navigation mounts; in memory only, read once. */
let handedOver: { scheduleId: string; secret: string } | null = null;
export function handOverWebhookSecret(scheduleId: string, secret: string): void {
  handedOver = { scheduleId, secret };
}
export function takeWebhookSecret(scheduleId: string): string | null {
  if (handedOver?.scheduleId !== scheduleId) return null;
  const { secret } = handedOver;
  handedOver = null;
  return secret;
}

export const splitLines = (text: string): string[] => text.split(/[\n,]+/).map((l) => l.trim()).filter(Boolean);

function LinesInput({ label, hint, value, onChange, error, disabled, placeholder, testId }: {
  label: string; hint: string; value: string[]; onChange(v: string[]): void; error?: string; disabled?: boolean; placeholder: string; testId: string;
}) {
  const id = useId();
  // The text as typed; the list is what it splits into.
  const [text, setText] = useState(value.join('\n'));
  return (
    <div className="field">
      <div className="field-label"><label htmlFor={id}>{label}</label><span className="hint">{hint}</span></div>
      <textarea id={id} data-testid={testId} rows={Math.max(2, value.length + 1)} className="mono" value={text} disabled={disabled} placeholder={placeholder}
        aria-invalid={!!error} spellCheck={false}
        onChange={(e) => { setText(e.target.value); onChange(splitLines(e.target.value)); }} />
      {error && <span className="field-error" role="alert">{error}</span>}
    </div>
  );
}

export function DestinationsInput({ slackChannels, webhookUrls, onSlack, onWebhooks, slackError, webhookError, disabled }: {
  slackChannels: string[]; webhookUrls: string[]; onSlack(v: string[]): void; onWebhooks(v: string[]): void;
  slackError?: string; webhookError?: string; disabled?: boolean;
}) {
  const slack = useQuery(SLACK_CONNECTION, { fetchPolicy: 'cache-and-network' });
  const connected = slack.data?.slackConnection.slackConnected;
  return (
    <>
      <LinesInput label="Slack channels" testId="slack-channels" value={slackChannels} onChange={onSlack} error={slackError} disabled={disabled || (connected === false && slackChannels.length === 0)}
        placeholder="#reports"
        hint={connected ? `one per line: #name or channel id; posted in ${slack.data!.slackConnection.teamName ?? 'your workspace'} (invite the bot to the channel)`
          : connected === false ? 'Slack is not connected: an admin connects it on the Schedules page' : 'one per line'} />
      <LinesInput label="Webhook URLs" testId="webhook-urls" value={webhookUrls} onChange={onWebhooks} error={webhookError} disabled={disabled}
        placeholder="https://example.com/hooks/reportcast"
        hint="one per line, https://; each run is POSTed as signed JSON (Standard Webhooks)" />
    </>
  );
}

/** The secret, shown this once, with a copy button; and for a saved schedule with webhooks, rotation. */
export function WebhookSecretPanel({ scheduleId, hasSecret, revealed, onRevealed, canWrite }: {
  scheduleId: string | null; hasSecret: boolean; revealed: string | null; onRevealed(secret: string | null): void; canWrite: boolean;
}) {
  const [rotate, rotateState] = useMutation(ROTATE_WEBHOOK_SECRET);
  const [confirm, setConfirm] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  if (!revealed && !(scheduleId && hasSecret && canWrite)) return null;
  return (
    <div className="field" data-testid="webhook-secret">
      {revealed ? (
        <div className="banner" role="status">
          <div>
            <strong>Webhook signing secret — shown this once.</strong> Give it to the receiver to verify <code>webhook-signature</code>; it cannot be shown again.
            <div className="row"><code className="mono" data-testid="webhook-secret-value">{revealed}</code></div>
          </div>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(revealed).then(() => setCopied(true), () => setCopied(false))}>{copied ? 'Copied' : 'Copy'}</button>
          <button type="button" className="icon" aria-label="Dismiss the secret" onClick={() => { setCopied(false); onRevealed(null); }}>×</button>
        </div>
      ) : confirm ? (
        <span className="confirm" role="group" aria-label="Confirm rotation">
          <span>Receivers using the current secret will reject the next runs until they get the new one.</span>
          <button type="button" className="danger" disabled={rotateState.loading}
            onClick={() => void rotate({ variables: { scheduleId: scheduleId! } }).then((r) => { setConfirm(false); setProblem(null); onRevealed(r.data?.rotateWebhookSecret ?? null); }, (e: unknown) => setProblem(friendly(e)))}>
            Make a new secret
          </button>
          <button type="button" onClick={() => setConfirm(false)}>Cancel</button>
        </span>
      ) : (
        <div className="row"><span className="muted">Webhook signing secret: set (never shown again).</span> <button type="button" onClick={() => setConfirm(true)}>Rotate secret…</button></div>
      )}
      {problem && <span className="field-error" role="alert">{problem}</span>}
    </div>
  );
}
