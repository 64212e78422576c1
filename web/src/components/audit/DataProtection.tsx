/**
 * "Masking & classification" on the audit page (admins): the tenant's masking policy as a role ×
 * class grid of modes (updateMaskingPolicy), and every catalog column with its class for the tenant
 * (classifyColumns), the catalog's default beside it. Each change is saved as it is made, audited,
 * and applies to every query compiled from then on.
 */
import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { Classification, MaskMode, Role } from '../../generated/graphql';
import { ErrorBanner } from '../reports/ErrorBanner';
import { formatDateTime } from '../../format';
import { CLASSIFY_COLUMNS, DATA_PROTECTION, UPDATE_MASKING_POLICY } from './documents';

const ROLES: Role[] = ['viewer', 'editor', 'admin'];
const CLASSES: Classification[] = ['PUBLIC', 'INTERNAL', 'PII'];
const MODES: [MaskMode, string][] = [['CLEAR', 'Clear'], ['HASHED', 'Hashed'], ['HIDDEN', 'Hidden']];

export function DataProtection({ timeZone }: { timeZone: string }) {
  const query = useQuery(DATA_PROTECTION, { fetchPolicy: 'cache-and-network' });
  const [updatePolicy, policyState] = useMutation(UPDATE_MASKING_POLICY);
  const [classify, classifyState] = useMutation(CLASSIFY_COLUMNS);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);

  if (query.error && !query.data) return <ErrorBanner error={query.error} title="The masking policy could not be loaded" />;
  if (!query.data) return <p className="muted" role="status">Loading…</p>;
  const { maskingPolicy, tables } = query.data;
  const modeOf = (role: Role, c: Classification) => maskingPolicy.rules.find((r) => r.role === role && r.classification === c)?.mode ?? 'CLEAR';
  const busy = policyState.loading || classifyState.loading;

  async function save(fn: () => Promise<unknown>, what: string) {
    setError(null);
    setSaved(null);
    try {
      await fn();
      await query.refetch();
      setSaved(what);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <>
      {error ? <ErrorBanner error={error} title="Not saved" onDismiss={() => setError(null)} /> : null}
      {saved && <p className="muted" role="status" data-testid="protection-saved">Saved: {saved}. It applies to every preview, export and scheduled run from now on.</p>}
      <section className="card" aria-label="Masking policy">
        <h2>Masking policy</h2>
        <p className="muted small">
          What each role sees of each class of columns. Hashed: a keyed hash of the value, the same in every export of your organisation (counts still work). Hidden: the column cannot be shown or filtered by value.
          {' '}{maskingPolicy.isDefault ? 'This is the default policy.' : `Last changed by ${maskingPolicy.updatedBy} on ${formatDateTime(maskingPolicy.updatedAt, timeZone)} (${timeZone}).`}
        </p>
        <div className="table-scroll">
          <table aria-label="Masking policy rules">
            <thead><tr><th scope="col">Role</th>{CLASSES.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>
              {ROLES.map((role) => (
                <tr key={role}>
                  <th scope="row">{role}</th>
                  {CLASSES.map((c) => (
                    <td key={c}>
                      <select aria-label={`${role} sees ${c}`} data-testid={`mode-${role}-${c}`} value={modeOf(role, c)} disabled={busy}
                        onChange={(e) => { const mode = e.target.value as MaskMode; void save(() => updatePolicy({ variables: { rules: [{ role, classification: c, mode }] } }), `${c} is ${mode.toLowerCase()} for ${role}s`); }}>
                        {MODES.map(([m, label]) => <option key={m} value={m}>{label}</option>)}
                      </select>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-label="Column classification">
        <h2>Column classification</h2>
        <p className="muted small">How sensitive each column is for your organisation; the masking policy above decides what each role sees of it. "(default)" marks the catalog's class.</p>
        <div className="table-scroll">
          <table aria-label="Columns and their classes">
            <thead><tr><th scope="col">Table</th><th scope="col">Column</th><th scope="col">Class</th><th scope="col">You see</th></tr></thead>
            <tbody>
              {tables.flatMap((t) => t.columns.map((col) => (
                <tr key={`${t.name}.${col.name}`} data-testid="classification-row" data-column={`${t.name}.${col.name}`}>
                  <td className="small">{t.label}</td>
                  <td>{col.label} <code className="small">{col.name}</code></td>
                  <td>
                    <select aria-label={`Class of ${t.name}.${col.name}`} value={col.classification} disabled={busy}
                      onChange={(e) => { const classification = e.target.value as Classification; void save(() => classify({ variables: { columns: [{ table: t.name, column: col.name, classification }] } }), `${t.name}.${col.name} is ${classification}`); }}>
                      {CLASSES.map((c) => <option key={c} value={c}>{c}{c === col.catalogClassification ? ' (default)' : ''}</option>)}
                    </select>
                  </td>
                  <td><span className={`badge sensitivity ${col.masking}`}>{col.masking.toLowerCase()}</span></td>
                </tr>
              )))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
