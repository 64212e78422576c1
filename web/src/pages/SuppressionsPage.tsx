/**
 * The tenant's suppression list (admins, issue 20): every address that gets no mail, why
 * (unsubscribed from one schedule, bounced, dropped, spam report) and since when, with the
 * provider's words; removing an entry lets mail go to the address again (resubscribe; audited).
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useAuth } from '../auth';
import { href } from '../router';
import { REMOVE_SUPPRESSION, SUPPRESSIONS } from '../components/suppressions/documents';
import { browserZone, formatInZone, formatUtc, friendly } from '../components/schedules/util';
import '../components/suppressions/suppressions.css';

const REASONS: Record<string, string> = {
  UNSUBSCRIBED: 'Unsubscribed', BOUNCED: 'Bounced', DROPPED: 'Dropped by the provider', SPAM_REPORT: 'Reported as spam',
};

export function SuppressionsPage() {
  const { session } = useAuth();
  const isAdmin = session?.role === 'admin';
  const zone = browserZone();
  const [filter, setFilter] = useState('');
  const [email, setEmail] = useState<string | null>(null);
  const list = useQuery(SUPPRESSIONS, { variables: { email, first: 500 }, skip: !isAdmin, fetchPolicy: 'cache-and-network' });
  const [remove, removeState] = useMutation(REMOVE_SUPPRESSION);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (!isAdmin) {
    return <div className="card empty-state"><h2>Admins only</h2><p className="muted">The suppression list is for your organisation's admins.</p></div>;
  }
  const schedules = new Map((list.data?.schedules.edges ?? []).map((e) => [e.node.id, e.node.name]));
  const rows = list.data?.suppressions ?? [];
  const onFilter = (e: FormEvent) => { e.preventDefault(); setEmail(filter.trim() || null); };
  const onRemove = async (id: string) => {
    setProblem(null); setNotice(null);
    try {
      const res = await remove({ variables: { id } });
      setConfirm(null);
      setNotice(`${res.data?.removeSuppression.email ?? 'The address'} gets mail again.`);
      await list.refetch();
    } catch (e) { setProblem(friendly(e)); }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Suppression list</h1>
          <span className="muted">Addresses that get no mail from this organisation's schedules. Times in {zone}.</span>
        </div>
      </div>
      <form className="toolbar" onSubmit={onFilter} role="search">
        <label className="inline">Address <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="name@example.com" /></label>
        <button type="submit">Find</button>
        {email && <button type="button" onClick={() => { setFilter(''); setEmail(null); }}>Show all</button>}
      </form>
      {notice && <div className="banner" role="status"><span className="ok-text">{notice}</span></div>}
      {problem && <div className="banner banner-error" role="alert"><span>{problem}</span></div>}
      <section className="card flush" aria-labelledby="supp-h">
        <div className="card-head">
          <h2 id="supp-h">Suppressed addresses</h2>
          <span className="hint">{list.data ? `${rows.length} ${rows.length === 1 ? 'entry' : 'entries'}` : ''}</span>
        </div>
        {list.error && !list.data ? (
          <div className="banner banner-error" role="alert"><span>The list could not be loaded. {friendly(list.error)}</span><button type="button" onClick={() => void list.refetch()}>Try again</button></div>
        ) : !list.data ? (
          <p className="muted empty" role="status">Loading…</p>
        ) : rows.length === 0 ? (
          <p className="empty">{email ? `${email} is not suppressed.` : 'No address is suppressed: every recipient gets mail.'}</p>
        ) : (
          <div className="table-scroll">
            <table className="suppressions" aria-label="Suppressed addresses" data-testid="suppressions">
              <thead>
                <tr><th scope="col">Address</th><th scope="col">Reason</th><th scope="col">Applies to</th><th scope="col">Since</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.id} data-testid="suppression-row">
                    <td className="delivery-target">{s.email}</td>
                    <td>
                      <span className={`badge ${s.reason}`}>{REASONS[s.reason] ?? s.reason}</span>
                      {s.detail && <div className="hint">{s.detail}</div>}
                    </td>
                    <td>{s.scheduleId ? <a href={href(`/schedules/${s.scheduleId}`)}>{schedules.get(s.scheduleId) ?? 'A schedule'}</a> : 'Every schedule'}</td>
                    <td><div>{formatInZone(s.createdAt, zone)}</div><div className="hint">{formatUtc(s.createdAt)}</div></td>
                    <td>
                      {confirm === s.id ? (
                        <span className="confirm" role="group" aria-label={`Confirm removing ${s.email}`}>
                          <button type="button" className="danger" disabled={removeState.loading} onClick={() => void onRemove(s.id)}>Yes, send mail again</button>
                          <button type="button" onClick={() => setConfirm(null)}>Cancel</button>
                        </span>
                      ) : (
                        <button type="button" onClick={() => setConfirm(s.id)} aria-label={`Remove ${s.email} from the list`}>Remove</button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p className="hint">Bounces, drops and spam reports come from the email provider and apply to every schedule; an unsubscribe applies to its schedule. Remove an entry only when the address works again or its owner asked to be resubscribed.</p>
    </>
  );
}
