/**
 * "Share": who a report or dashboard is shared with (users and roles, VIEW or EDIT), adding one,
 * changing a level, removing one. A native modal <dialog> (focus kept inside, Escape closes). The
 * server decides everything (who may share, which users exist in the tenant); refusals are shown
 * with the field they concern.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { AccessLevel, RoleName, SharedObjectType } from '../../generated/graphql';
import { ErrorBanner } from '../reports/ErrorBanner';
import { DASHBOARD_GRANTS, GRANT_ACCESS, REPORT_GRANTS, REVOKE_ACCESS, SHAREABLE_USERS } from './documents';
import './sharing.css';

const LEVELS: { value: AccessLevel; label: string }[] = [
  { value: 'VIEW', label: 'Can view' },
  { value: 'EDIT', label: 'Can edit' },
];
const ROLES: { value: RoleName; label: string }[] = [
  { value: 'VIEWER', label: 'Everyone (viewers and up)' },
  { value: 'EDITOR', label: 'Editors and admins' },
];
const roleLabel = (role: RoleName) => ROLES.find((r) => r.value === role)?.label ?? role;

interface Grant { id: string; userId?: string | null; role?: RoleName | null; level: AccessLevel; grantedBy: string }

export function ShareButton({ objectType, objectId, name }: { objectType: SharedObjectType; objectId: string; name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="share" aria-haspopup="dialog" onClick={() => { setOpen(true); dialog.current?.showModal(); }}>Share</button>
      <dialog ref={dialog} className="share-dialog" aria-labelledby={`share-title-${objectId}`} data-testid="share-dialog" onClose={() => setOpen(false)}>
        {open && <ShareForm objectType={objectType} objectId={objectId} name={name} onClose={() => dialog.current?.close()} />}
      </dialog>
    </>
  );
}

function ShareForm({ objectType, objectId, name, onClose }: { objectType: SharedObjectType; objectId: string; name: string; onClose: () => void }) {
  const reportGrants = useQuery(REPORT_GRANTS, { variables: { id: objectId }, skip: objectType !== 'REPORT', fetchPolicy: 'network-only' });
  const dashboardGrants = useQuery(DASHBOARD_GRANTS, { variables: { id: objectId }, skip: objectType !== 'DASHBOARD', fetchPolicy: 'network-only' });
  const users = useQuery(SHAREABLE_USERS, { variables: {}, fetchPolicy: 'cache-and-network' });
  const [grant, granting] = useMutation(GRANT_ACCESS);
  const [revoke, revoking] = useMutation(REVOKE_ACCESS);
  const [kind, setKind] = useState<'user' | 'role'>('user');
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<RoleName>('VIEWER');
  const [level, setLevel] = useState<AccessLevel>('VIEW');
  const [error, setError] = useState<unknown>(null);
  const q = objectType === 'REPORT' ? reportGrants : dashboardGrants;
  const grants: Grant[] | null | undefined = objectType === 'REPORT' ? reportGrants.data?.report.grants : dashboardGrants.data?.dashboard.grants;
  const titleId = `share-title-${objectId}`;

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await q.refetch();
    } catch (e) { setError(e); }
  };
  const principalOf = (g: Grant) => (g.userId ? { userId: g.userId } : { role: g.role! });
  const add = (e: FormEvent) => {
    e.preventDefault();
    const principal = kind === 'user' ? { userId: userId.trim() } : { role };
    void run(async () => {
      await grant({ variables: { objectType, objectId, principal, level } });
      setUserId('');
    });
  };

  return (
    <div className="share-body">
      <div className="share-head">
        <h2 id={titleId}>Share “{name}”</h2>
        <button type="button" aria-label="Close" onClick={onClose}>×</button>
      </div>
      <p className="muted">People you add here can open it, preview it, export it and schedule it; with “Can edit” editors can also change and share it. A dashboard brings its tiles’ private reports along (view only).</p>
      {q.error && <ErrorBanner error={q.error} title="Sharing could not be loaded" />}
      {grants === null && <p className="note">Only its owner, an admin or someone who can edit it sees and changes who it is shared with.</p>}
      {grants && (
        <form className="share-add" onSubmit={add} aria-label="Add people">
          <fieldset className="plain share-kind">
            <legend className="sr-only">Share with</legend>
            <label className="radio"><input type="radio" name="kind" checked={kind === 'user'} onChange={() => setKind('user')} /> A person</label>
            <label className="radio"><input type="radio" name="kind" checked={kind === 'role'} onChange={() => setKind('role')} /> A role</label>
          </fieldset>
          <div className="share-row">
            {kind === 'user' ? (
              <label className="grow">
                <span>User id</span>
                <input data-testid="share-user" list={`share-users-${objectId}`} value={userId} required maxLength={200}
                  placeholder="e.g. vic@acme" autoComplete="off" onChange={(e) => setUserId(e.target.value)} />
                <datalist id={`share-users-${objectId}`}>
                  {users.data?.shareableUsers.map((u) => <option key={u.userId} value={u.userId}>{u.roleName?.toLowerCase() ?? ''}</option>)}
                </datalist>
              </label>
            ) : (
              <label className="grow">
                <span>Role</span>
                <select data-testid="share-role" value={role} onChange={(e) => setRole(e.target.value as RoleName)}>
                  {ROLES.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
                </select>
              </label>
            )}
            <label>
              <span>Access</span>
              <select data-testid="share-level" value={level} onChange={(e) => setLevel(e.target.value as AccessLevel)}>
                {LEVELS.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
              </select>
            </label>
            <button type="submit" className="primary" disabled={granting.loading}>{granting.loading ? 'Adding…' : 'Add'}</button>
          </div>
        </form>
      )}
      {error ? <ErrorBanner error={error} title="Sharing was not changed" onDismiss={() => setError(null)} /> : null}
      {grants && (grants.length === 0 ? (
        <p className="muted" data-testid="share-empty">Not shared with anyone yet: {objectType === 'REPORT' ? 'its owner, admins and (when public) the tenant' : 'its owner, admins and (when shared with the tenant) everyone'} can open it.</p>
      ) : (
        <ul className="share-list" data-testid="share-list" aria-label="Shared with">
          {grants.map((g) => {
            const who = g.userId ?? roleLabel(g.role!);
            return (
              <li key={g.id} data-testid="share-grant">
                <span className="share-who"><strong>{who}</strong><span className="hint">{g.userId ? 'person' : 'role'} · added by {g.grantedBy}</span></span>
                <select aria-label={`Access for ${who}`} value={g.level} disabled={granting.loading}
                  onChange={(e) => void run(() => grant({ variables: { objectType, objectId, principal: principalOf(g), level: e.target.value as AccessLevel } }))}>
                  {LEVELS.filter((l) => l.value === 'VIEW' || g.role !== 'VIEWER').map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
                </select>
                <button type="button" className="danger small" aria-label={`Remove ${who}`} disabled={revoking.loading}
                  onClick={() => void run(() => revoke({ variables: { objectType, objectId, principal: principalOf(g) } }))}>Remove</button>
              </li>
            );
          })}
        </ul>
      ))}
      <div className="share-foot"><button type="button" onClick={onClose}>Done</button></div>
    </div>
  );
}
