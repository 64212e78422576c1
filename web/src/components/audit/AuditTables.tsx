/** The audit page's three tables; each scrolls sideways inside its card on a narrow screen. */
import type { AuditComplianceQuery, AuditLogQuery, AuditUserActivityQuery } from '../../generated/graphql';
import { formatDateTime, formatNumber } from '../../format';

type LogEntry = AuditLogQuery['auditLog']['edges'][number]['node'];
type UserActivity = AuditUserActivityQuery['auditUserActivity']['users'][number];
type ComplianceEvent = AuditComplianceQuery['auditCompliance']['events'][number];

/** Details in one line: key=value pairs, long ones cut (the full entry is in the export). */
function detailsText(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ')
    .slice(0, 160);
}

export function LogTable({ entries, timeZone }: { entries: LogEntry[]; timeZone: string }) {
  return (
    <div className="card flush table-scroll" data-testid="audit-table-card">
      <table aria-label="Audit log">
        <thead>
          <tr>
            <th scope="col">Time ({timeZone})</th><th scope="col">Actor</th><th scope="col">Action</th>
            <th scope="col">Object</th><th scope="col">Outcome</th><th scope="col">Details</th><th scope="col">IP address</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action}>
              <td className="nowrap">{formatDateTime(e.createdAt, timeZone)}</td>
              <td>{e.actor}</td>
              <td><code>{e.action}</code></td>
              <td>{e.targetType}{e.targetId ? <span className="muted small"> {e.targetId}</span> : null}</td>
              <td><span className={`badge ${e.outcome === 'SUCCESS' ? 'COMPLETED' : 'FAILED'}`}>{e.outcome.toLowerCase()}</span></td>
              <td className="small">{detailsText(e.details)}</td>
              <td className="small">{e.ip ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ActivityTable({ users, timeZone }: { users: UserActivity[]; timeZone: string }) {
  return (
    <div className="card flush table-scroll" data-testid="audit-table-card">
      <table aria-label="User activity">
        <thead>
          <tr>
            <th scope="col">User</th><th scope="col" className="num">Sign-ins</th><th scope="col" className="num">Previews</th>
            <th scope="col" className="num">Report reads</th><th scope="col" className="num">CSV</th><th scope="col" className="num">XLSX</th>
            <th scope="col" className="num">PDF</th><th scope="col" className="num">JSON</th><th scope="col" className="num">Downloads</th>
            <th scope="col" className="num">Schedule changes</th><th scope="col">Last seen ({timeZone})</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.userId} data-testid="activity-row">
              <td>{u.userId}</td>
              {[u.tokenUses, u.previews, u.reportReads, u.exportsCsv, u.exportsXlsx, u.exportsPdf, u.exportsJson, u.downloads, u.scheduleChanges].map((n, i) => (
                <td key={i} className="num">{formatNumber(n)}</td>
              ))}
              <td className="nowrap">{formatDateTime(u.lastSeen, timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ComplianceTable({ events, timeZone }: { events: ComplianceEvent[]; timeZone: string }) {
  return (
    <div className="card flush table-scroll" data-testid="audit-table-card">
      <table aria-label="Compliance summary">
        <thead>
          <tr><th scope="col">Time ({timeZone})</th><th scope="col">User</th><th scope="col">Event</th><th scope="col">Object</th><th scope="col">Detail</th></tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-testid="compliance-row">
              <td className="nowrap">{formatDateTime(e.createdAt, timeZone)}</td>
              <td>{e.actor}</td>
              <td>{e.event}</td>
              <td className="small">{e.target}</td>
              <td className="small">{e.detail.slice(0, 200)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
