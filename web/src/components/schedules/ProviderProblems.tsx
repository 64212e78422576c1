/**
 * Recipients whose mail the provider reported back as bounced, dropped or marked as spam (SendGrid
 * Event Webhook): the schedule's owner sees them at a glance above the history, newest first, one
 * line per address. Those addresses are on the tenant's suppression list and get nothing more.
 */
export interface ProviderReport {
  target: string;
  providerStatus?: string | null;
  providerDetail?: string | null;
}

const WORDS: Record<string, string> = { BOUNCED: 'bounced', DROPPED: 'dropped by the provider', SPAM_REPORT: 'reported as spam' };

/** One line per address, the first (newest) report winning; DELIVERED is no problem. */
export function providerProblems(deliveries: ProviderReport[]): { target: string; what: string; detail: string | null }[] {
  const seen = new Map<string, { target: string; what: string; detail: string | null }>();
  for (const d of deliveries) {
    const what = d.providerStatus ? WORDS[d.providerStatus] : undefined;
    const key = d.target.toLowerCase();
    if (what && !seen.has(key)) seen.set(key, { target: d.target, what, detail: d.providerDetail ?? null });
  }
  return [...seen.values()];
}

export function ProviderProblems({ deliveries }: { deliveries: ProviderReport[] }) {
  const problems = providerProblems(deliveries);
  if (problems.length === 0) return null;
  return (
    <div className="banner banner-warning" role="status" data-testid="provider-problems">
      <div>
        <strong>{problems.length === 1 ? '1 recipient gets no more mail' : `${problems.length} recipients get no more mail`}</strong>
        <ul>
          {problems.map((p) => (
            <li key={p.target}><span className="delivery-target">{p.target}</span>: {p.what}{p.detail ? ` (${p.detail})` : ''}</li>
          ))}
        </ul>
        <span className="hint">They are on the suppression list; an admin can take an address off it once it works again.</span>
      </div>
    </div>
  );
}
