/**
 * "Scheduled reports" on the audit page (admins): the built-in user-activity and compliance reports
 * on a timetable, like any report's schedule (createSchedule with `adminReport`): each run covers the
 * period since the previous one and goes to the recipients through the export pipeline. Lists the
 * tenant's admin-report schedules with their next run in their own zone; run now, delete.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { AdminReport, ExportFormat } from '../../generated/graphql';
import { ErrorBanner } from '../reports/ErrorBanner';
import { formatDateTime } from '../../format';
import { ADMIN_REPORT_SCHEDULES, CREATE_ADMIN_REPORT_SCHEDULE, DELETE_ADMIN_REPORT_SCHEDULE, RUN_ADMIN_REPORT_NOW } from './documents';

const REPORTS: [AdminReport, string][] = [['USER_ACTIVITY', 'User activity'], ['COMPLIANCE_SUMMARY', 'Compliance summary']];
const FORMATS: ExportFormat[] = ['CSV', 'XLSX', 'PDF', 'JSON'];
/** Timetables offered as words; each is a cron in the chosen zone. */
const TIMETABLES: [string, string][] = [
  ['0 7 * * *', 'Every day at 07:00 (the day before)'],
  ['0 7 * * 1', 'Every Monday at 07:00 (the week before)'],
  ['0 7 1 * *', 'On the 1st of each month at 07:00 (the month before)'],
];

const EMPTY = { adminReport: 'USER_ACTIVITY' as AdminReport, name: '', cron: TIMETABLES[1]![0], format: 'CSV' as ExportFormat, recipients: '' };

export function AdminReportSchedules({ timeZone }: { timeZone: string }) {
  const list = useQuery(ADMIN_REPORT_SCHEDULES, { fetchPolicy: 'cache-and-network' });
  const [form, setForm] = useState(EMPTY);
  const [zone, setZone] = useState(timeZone);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [create, creating] = useMutation(CREATE_ADMIN_REPORT_SCHEDULE);
  const [runNow] = useMutation(RUN_ADMIN_REPORT_NOW);
  const [remove] = useMutation(DELETE_ADMIN_REPORT_SCHEDULE);
  const schedules = (list.data?.schedules.edges ?? []).map((e) => e.node).filter((s) => s.adminReport);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const title = REPORTS.find(([k]) => k === form.adminReport)![1];
    try {
      const res = await create({ variables: { input: {
        adminReport: form.adminReport, name: form.name.trim() || title, cron: form.cron, timezone: zone, format: form.format,
        recipients: form.recipients.split(/[\s,;]+/).filter(Boolean),
      } } });
      if (res.data) setNotice(`Scheduled "${res.data.createSchedule.name}": next run ${formatDateTime(res.data.createSchedule.nextRunAt, zone)} (${zone}).`);
      setForm(EMPTY);
      await list.refetch();
    } catch (err) {
      setError(err);
    }
  }
  async function act(fn: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      await fn();
      setNotice(done);
      await list.refetch();
    } catch (err) {
      setError(err);
    }
  }
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <>
      <form className="card audit-filters" onSubmit={submit} aria-label="Schedule an admin report">
        <h2>Schedule an admin report</h2>
        <p className="muted small">Each run covers the period since the previous run and is sent to the recipients like any scheduled report.</p>
        <div className="audit-filter-grid">
          <div className="field">
            <label htmlFor="ar-report">Report</label>
            <select id="ar-report" value={form.adminReport} onChange={set('adminReport')}>
              {REPORTS.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
            </select>
          </div>
          <div className="field"><label htmlFor="ar-name">Name</label><input id="ar-name" value={form.name} onChange={set('name')} placeholder="as the report" maxLength={200} /></div>
          <div className="field">
            <label htmlFor="ar-when">When</label>
            <select id="ar-when" value={form.cron} onChange={set('cron')}>
              {TIMETABLES.map(([cron, label]) => <option key={cron} value={cron}>{label}</option>)}
            </select>
          </div>
          <div className="field"><label htmlFor="ar-zone">Time zone</label><input id="ar-zone" value={zone} onChange={(e) => setZone(e.target.value)} /></div>
          <div className="field">
            <label htmlFor="ar-format">Format</label>
            <select id="ar-format" value={form.format} onChange={set('format')}>
              {FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </div>
          <div className="field"><label htmlFor="ar-recipients">Recipients</label><input id="ar-recipients" value={form.recipients} onChange={set('recipients')} placeholder="a@example.com, b@example.com" /></div>
        </div>
        {error ? <ErrorBanner error={error} title="Not scheduled" onDismiss={() => setError(null)} /> : null}
        {notice && <p className="muted" role="status" data-testid="admin-report-notice">{notice}</p>}
        <div className="toolbar"><button type="submit" className="primary" disabled={creating.loading} data-testid="admin-report-create">Schedule</button></div>
      </form>
      {schedules.length === 0 ? (
        <div className="card empty-state"><h2>No scheduled admin reports</h2><p className="muted">Schedule one above.</p></div>
      ) : (
        <div className="card flush table-scroll">
          <table aria-label="Scheduled admin reports">
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Report</th><th scope="col">When</th><th scope="col">Next run</th><th scope="col">Format</th><th scope="col">Recipients</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {schedules.map((s) => (
                <tr key={s.id} data-testid="admin-report-row">
                  <td>{s.name}</td>
                  <td>{REPORTS.find(([k]) => k === s.adminReport)?.[1]}</td>
                  <td className="small">{s.cronDescription}</td>
                  <td className="nowrap">{s.status === 'PAUSED' ? 'paused' : `${formatDateTime(s.nextRunAt, s.timezone)} (${s.timezone})`}</td>
                  <td>{s.format}</td>
                  <td className="small">{s.recipients.join(', ') || '—'}</td>
                  <td className="nowrap">
                    <button type="button" onClick={() => act(() => runNow({ variables: { id: s.id } }), `"${s.name}" is running: it covers the period since its last slot.`)}>Run now</button>{' '}
                    <button type="button" onClick={() => act(() => remove({ variables: { id: s.id } }), `"${s.name}" deleted.`)}>Delete</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
