/** Create or edit a schedule: cadence, zone with live next runs, delivery; pause/resume, run now, delete, history. */
import { useCallback, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useAuth } from '../auth';
import { href, navigate, useLeaveGuard } from '../router';
import {
  CREATE_SCHEDULE, DELETE_SCHEDULE, PAUSE_SCHEDULE, RESUME_SCHEDULE, RUN_SCHEDULE_NOW, SCHEDULE_DETAIL,
  SCHEDULE_DASHBOARDS, SCHEDULE_REPORTS, SCHEDULES_LIST, UPDATE_SCHEDULE,
} from '../components/schedules/documents';
import { RecipientsInput } from '../components/schedules/RecipientsInput';
import { RecipientValuesEditor, recipientParametersInput } from '../components/schedules/RecipientValuesEditor';
import { RunNowDialog } from '../components/schedules/RunNowDialog';
import { TimeZoneInput } from '../components/schedules/TimeZoneInput';
import { LocaleInput } from '../components/reports/LocaleInput';
import { canonicalLocale, DEFAULT_LOCALE } from '../format';
import { NextRuns } from '../components/schedules/NextRuns';
import { ExecutionHistory } from '../components/schedules/ExecutionHistory';
import { HolidayCalendarInput, type HolidayCalendarValue } from '../components/schedules/HolidayCalendarInput';
import { FixedRangeWarning, RunZoneNote } from '../components/schedules/ReportTimeNote';
import {
  browserZone, EMAIL_INPUT_PROPS, emailProblem, errorFor, fieldErrors, friendly, isZone, parsePreset, presetCron, WEEKDAYS,
  type PresetKind, type PresetState,
} from '../components/schedules/util';
import type { ScheduleDetailQuery } from '../generated/graphql';
import { FileProtection, fileProtectionInvalid, type FileProtectionValue } from '../components/exports/FileProtection';
import { DEFAULT_PDF_PAGE, PdfPageOptions, type PdfPageValue } from '../components/exports/PdfPageOptions';
import { ParameterValuesForm, filledValues, type ParameterValues } from '../components/templates/ParameterValuesForm';
import { AlertConditionInput, alertFromStored, alertInput, alertProblems, NO_ALERT, type AlertValue, type StoredAlert } from '../components/schedules/AlertConditionInput';
import { DestinationsInput, handOverWebhookSecret, takeWebhookSecret, WebhookSecretPanel } from '../components/schedules/Destinations';
import { sftpFormOf, sftpProblems, sftpTargetInput, TeamsSftpInput, type SftpTargetForm } from '../components/schedules/TeamsSftpInput';

type Format = 'CSV' | 'XLSX' | 'PDF' | 'JSON';
type Delivery = 'EMAIL' | 'S3' | 'BOTH';
type Attachment = 'AUTO' | 'ATTACH' | 'LINK';

interface FormState {
  name: string;
  description: string;
  reportId: string;
  /** What each run exports: a report, or a whole dashboard (one PDF or XLSX of every tile). */
  target: 'REPORT' | 'DASHBOARD';
  dashboardId: string;
  preset: PresetState;
  cron: string;
  timezone: string;
  /** '' = the report's locale. */
  locale: string;
  format: Format;
  delivery: Delivery;
  recipients: string[];
  attachment: Attachment;
  subject: string;
  message: string;
  bucket: string;
  keyTemplate: string;
  skipIfEmpty: boolean;
  businessDaysOnly: boolean;
  /** Public holidays skipped too (business days only); '' = none. */
  holidays: HolidayCalendarValue;
  onlyIfChanged: boolean;
  /** Send only when a condition on the run's results holds (issue 20). */
  alert: AlertValue;
  ownerEmail: string;
  /** Compression and a new password ('' keeps the stored one); the stored password is never shown. */
  file: FileProtectionValue;
  removePassword: boolean;
  fileNameTemplate: string;
  /** PDF runs' paper and orientation ('' = the default). */
  pdfPage: PdfPageValue;
  /** Values of the report's parameters for every run (issue 19); what is left empty takes the report's defaults. */
  parameterValues: ParameterValues;
  /** Recipients' own values (by lower-cased address), over parameterValues. */
  recipientParameters: Record<string, ParameterValues>;
  /** Slack channels and webhook URLs each run also goes to (issue 20). */
  slackChannels: string[];
  webhookUrls: string[];
  /** Teams URLs (new ones whole, stored ones in their redacted form) and SFTP servers. */
  teamsWebhookUrls: string[];
  sftpTargets: SftpTargetForm[];
}

const PRESETS: [PresetKind, string][] = [['HOURLY', 'Hourly'], ['DAILY', 'Daily'], ['WEEKDAYS', 'Weekdays'], ['WEEKLY', 'Weekly'], ['MONTHLY', 'Monthly'], ['CUSTOM', 'Custom cron']];

function emptyForm(): FormState {
  return {
    name: '', description: '', reportId: '', target: 'REPORT', dashboardId: '',
    preset: { kind: 'WEEKDAYS', hour: 9, minute: 0, dayOfWeek: 1, dayOfMonth: 1 },
    cron: '0 9 * * 1-5', timezone: browserZone(), locale: '', format: 'PDF', delivery: 'EMAIL', recipients: [],
    attachment: 'AUTO', subject: '', message: '', bucket: '', keyTemplate: '{tenant}/{schedule}/{date}.{format}',
    skipIfEmpty: false, businessDaysOnly: false, holidays: { country: '', region: '' }, onlyIfChanged: false, alert: NO_ALERT, ownerEmail: '',
    file: { compression: '', password: '' }, removePassword: false, fileNameTemplate: '',
    pdfPage: DEFAULT_PDF_PAGE, parameterValues: {}, recipientParameters: {}, slackChannels: [], webhookUrls: [], teamsWebhookUrls: [], sftpTargets: [],
  };
}

function fromSchedule(s: ScheduleDetailQuery['schedule']): FormState {
  const preset = parsePreset(s.cron);
  return {
    name: s.name, description: s.description ?? '', reportId: s.reportId ?? '', target: s.dashboardId ? 'DASHBOARD' : 'REPORT', dashboardId: s.dashboardId ?? '',
    preset: preset ?? { kind: 'CUSTOM', hour: 9, minute: 0, dayOfWeek: 1, dayOfMonth: 1 },
    cron: s.cron, timezone: s.timezone, locale: s.locale ?? '', format: s.format, delivery: s.delivery, recipients: [...s.recipients],
    attachment: s.emailConfig.attachment ?? 'AUTO', subject: s.emailConfig.subject ?? '', message: s.emailConfig.message ?? '',
    bucket: s.s3Config?.bucket ?? '', keyTemplate: s.s3Config?.keyTemplate ?? '{tenant}/{schedule}/{date}.{format}',
    skipIfEmpty: s.skipIfEmpty, businessDaysOnly: s.businessDaysOnly, ownerEmail: s.ownerEmail ?? '',
    holidays: { country: s.holidayCountry ?? '', region: s.holidayRegion ?? '' }, onlyIfChanged: s.onlyIfChanged,
    alert: alertFromStored(s.alertCondition as StoredAlert | null),
    file: { compression: s.compression ?? '', password: '' }, removePassword: false, fileNameTemplate: s.fileNameTemplate ?? '',
    pdfPage: { paperSize: s.paperSize ?? '', orientation: s.orientation ?? '' },
    parameterValues: (s.parameterValues as ParameterValues | null) ?? {},
    recipientParameters: Object.fromEntries(s.recipientParameters.map((r) => [r.recipient.toLowerCase(), r.parameterValues as ParameterValues])),
    slackChannels: [...s.slackChannels], webhookUrls: [...s.webhookUrls],
    teamsWebhookUrls: [...s.teamsWebhooks], sftpTargets: s.sftpTargets.map(sftpFormOf),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The error paths (server and form) each form field answers for. */
const ERROR_PATHS: Partial<Record<keyof FormState, string[]>> = {
  holidays: ['holidayCountry', 'holidayRegion'], alert: ['alertCondition'],
  preset: ['preset', 'cron'], cron: ['cron', 'preset'], bucket: ['s3Config.bucket', 's3Config'], keyTemplate: ['s3Config.keyTemplate', 's3Config'],
  subject: ['emailConfig.subject'], message: ['emailConfig.message'], file: ['password', 'compression', 'format'], removePassword: ['password'],
  delivery: ['delivery', 'recipients', 's3Config'], format: ['format', 'password', 'compression'], pdfPage: ['paperSize', 'orientation'],
};

export function ScheduleEditPage({ scheduleId }: { scheduleId: string | null }) {
  const detail = useQuery(SCHEDULE_DETAIL, { variables: { id: scheduleId ?? '' }, skip: !scheduleId, fetchPolicy: 'cache-and-network' });
  if (scheduleId && detail.error && !detail.data) {
    return (
      <>
        <p><a href={href('/schedules')}>← Schedules</a></p>
        <div className="banner banner-error" role="alert">
          <span><strong>This schedule could not be loaded.</strong> {friendly(detail.error)}</span>
          <button type="button" onClick={() => void detail.refetch()}>Try again</button>
        </div>
      </>
    );
  }
  if (scheduleId && !detail.data) return <p className="muted" role="status">Loading schedule…</p>;
  return <ScheduleEditor key={scheduleId ?? 'new'} schedule={detail.data?.schedule ?? null} />;
}

function ScheduleEditor({ schedule }: { schedule: ScheduleDetailQuery['schedule'] | null }) {
  const { session } = useAuth();
  const canWrite = session?.role !== 'viewer';
  const isNew = !schedule;
  const [form, setForm] = useState<FormState>(() => (schedule ? fromSchedule(schedule) : emptyForm()));
  const [dirty, setDirty] = useState(false);
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => { setForm((f) => ({ ...f, [k]: v })); setDirty(true); forgetErrors(k); };
  const setPreset = (p: Partial<PresetState>) => {
    setForm((f) => {
      const preset = { ...f.preset, ...p };
      return { ...f, preset, cron: preset.kind === 'CUSTOM' ? f.cron : presetCron(preset) };
    });
    setDirty(true);
    forgetErrors('preset');
  };
  useLeaveGuard(canWrite && dirty ? 'Leave this schedule? Your unsaved changes will be lost.' : null);

  const reports = useQuery(SCHEDULE_REPORTS, { fetchPolicy: 'cache-and-network' });
  const dashboards = useQuery(SCHEDULE_DASHBOARDS, { fetchPolicy: 'cache-and-network' });
  const reportOptions = (reports.data?.reports.edges ?? []).map((e) => e.node);
  const chosenReport = reportOptions.find((r) => r.id === form.reportId);

  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [cronError, setCronError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [runKey, setRunKey] = useState(0);
  const [runDialog, setRunDialog] = useState(false);
  // The webhook secret, from the create that navigated here or this page's own save/rotation; shown until dismissed.
  const [webhookSecret, setWebhookSecret] = useState<string | null>(() => (schedule ? takeWebhookSecret(schedule.id) : null));

  const refetchQueries = [SCHEDULES_LIST];
  const [create, createState] = useMutation(CREATE_SCHEDULE, { refetchQueries });
  const [update, updateState] = useMutation(UPDATE_SCHEDULE, { refetchQueries });
  const [pause, pauseState] = useMutation(PAUSE_SCHEDULE, { refetchQueries });
  const [resume, resumeState] = useMutation(RESUME_SCHEDULE, { refetchQueries });
  const [runNow, runState] = useMutation(RUN_SCHEDULE_NOW, { refetchQueries: [SCHEDULE_DETAIL, SCHEDULES_LIST] });
  const client = useApolloClient();
  const onSettled = useCallback(() => { void client.refetchQueries({ include: [SCHEDULE_DETAIL, SCHEDULES_LIST] }); }, [client]);
  const [del, delState] = useMutation(DELETE_SCHEDULE, { refetchQueries });

  // An error goes as soon as its field is edited: the server's answer was about the old value, and a
  // form check runs again on the next save (and live, below, once the user has tried to save).
  const forgetErrors = (key: keyof FormState) => {
    const paths = ERROR_PATHS[key] ?? [key];
    const drop = (errs: Record<string, string>) => {
      const kept = Object.fromEntries(Object.entries(errs).filter(([p]) => !paths.some((q) => p === q || p.startsWith(`${q}.`))));
      return Object.keys(kept).length === Object.keys(errs).length ? errs : kept;
    };
    setServerErrors(drop);
    setClientErrors(drop);
  };

  const onCronError = useCallback((m: string | null) => setCronError(m), []);
  const errs = useMemo(() => ({ ...serverErrors, ...clientErrors }), [serverErrors, clientErrors]);
  const err = (path: string) => errorFor(errs, path);
  const usesEmail = form.delivery !== 'S3';
  const usesS3 = form.delivery !== 'EMAIL';

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!form.name.trim()) e.name = 'Give the schedule a name.';
    if (form.target === 'REPORT' && !form.reportId) e.reportId = 'Pick a report to run.';
    if (form.target === 'DASHBOARD' && !form.dashboardId) e.dashboardId = 'Pick a dashboard to send.';
    if (form.target === 'DASHBOARD' && form.format !== 'PDF' && form.format !== 'XLSX') e.format = 'A dashboard is sent as PDF or XLSX.';
    if (!form.cron.trim()) e.cron = 'Enter a cron expression.';
    if (!isZone(form.timezone.trim())) e.timezone = 'Pick a time zone from the list.';
    if (form.locale.trim() && !canonicalLocale(form.locale)) e.locale = 'Use a BCP 47 tag such as de-DE, or leave it empty for the report’s.';
    if (usesEmail && form.recipients.length === 0 && form.slackChannels.length + form.webhookUrls.length + form.teamsWebhookUrls.length + form.sftpTargets.length === 0) e.recipients = 'Add at least one recipient (or a Slack channel, webhook, Teams URL or SFTP server).';
    Object.assign(e, sftpProblems(form.sftpTargets));
    if (usesS3 && !form.bucket.trim()) e['s3Config.bucket'] = 'Enter the bucket.';
    if (usesS3 && !form.keyTemplate.trim()) e['s3Config.keyTemplate'] = 'Enter a key template.';
    const ownerProblem = form.ownerEmail.trim() ? emailProblem(form.ownerEmail.trim()) : null;
    if (ownerProblem) e.ownerEmail = ownerProblem;
    if (fileProtectionInvalid(form.format, form.file, !!schedule?.passwordProtected && !form.removePassword)) e.password = 'Fix the file password or compression (see the note above).';
    if (form.target === 'REPORT') Object.assign(e, alertProblems(form.alert));
    return e;
  };

  const onSave = async (ev: FormEvent) => {
    ev.preventDefault();
    setNotice(null); setGeneral([]); setServerErrors({});
    const ce = validate();
    setClientErrors(ce);
    if (Object.keys(ce).length) return;
    const p = form.preset;
    const input = {
      name: form.name.trim(),
      description: form.description.trim() || null,
      ...(form.target === 'DASHBOARD' ? { dashboardId: form.dashboardId } : { reportId: form.reportId }),
      ...(p.kind === 'CUSTOM'
        ? { cron: form.cron.trim() }
        : { preset: { preset: p.kind, minute: p.minute, ...(p.kind !== 'HOURLY' ? { hour: p.hour } : {}), ...(p.kind === 'WEEKLY' ? { dayOfWeek: p.dayOfWeek } : {}), ...(p.kind === 'MONTHLY' ? { dayOfMonth: p.dayOfMonth } : {}) } }),
      timezone: form.timezone.trim(),
      locale: form.locale.trim() || null,
      format: form.format,
      delivery: form.delivery,
      recipients: form.recipients,
      emailConfig: { attachment: form.attachment, subject: form.subject.trim() || null, message: form.message.trim() || null },
      ...(usesS3 ? { s3Config: { bucket: form.bucket.trim(), keyTemplate: form.keyTemplate.trim() } } : {}),
      skipIfEmpty: form.skipIfEmpty,
      businessDaysOnly: form.businessDaysOnly,
      // The calendar belongs to business days: without them it is cleared.
      holidayCountry: (form.businessDaysOnly && form.holidays.country.trim()) || null,
      holidayRegion: (form.businessDaysOnly && form.holidays.country.trim() && form.holidays.region.trim()) || null,
      onlyIfChanged: form.onlyIfChanged,
      // A dashboard's runs have no single result to judge: no condition.
      alertCondition: form.target === 'REPORT' ? alertInput(form.alert) : null,
      ownerEmail: form.ownerEmail.trim() || null,
      compression: form.file.compression || null,
      fileNameTemplate: form.fileNameTemplate.trim() || null,
      // Paper and orientation are PDF options; for another format the server drops them.
      ...(form.format === 'PDF' ? { paperSize: form.pdfPage.paperSize || null, orientation: form.pdfPage.orientation || null } : {}),
      ...(form.file.password ? { password: form.file.password } : form.removePassword ? { removePassword: true } : {}),
      // A dashboard's runs take the dashboard's own values.
      parameterValues: form.target === 'REPORT' ? filledValues(form.parameterValues) : null,
      // Each recipient's own values (a dashboard's runs take the dashboard's).
      ...(form.target === 'REPORT' ? { recipientParameters: recipientParametersInput(form.recipients, form.recipientParameters) } : {}),
      slackChannels: form.slackChannels,
      webhookUrls: form.webhookUrls,
      teamsWebhookUrls: form.teamsWebhookUrls,
      sftpTargets: form.sftpTargets.map(sftpTargetInput),
    };
    try {
      if (isNew) {
        const res = await create({ variables: { input } });
        const id = res.data?.createSchedule.id;
        const secret = res.data?.createSchedule.webhookSecret;
        if (id && secret) handOverWebhookSecret(id, secret);
        setDirty(false);
        if (id) navigate(`/schedules/${encodeURIComponent(id)}`, { force: true });
      } else {
        const res = await update({ variables: { id: schedule.id, input } });
        if (res.data?.updateSchedule.webhookSecret) setWebhookSecret(res.data.updateSchedule.webhookSecret);
        // The password went to the server, sealed there; it is not kept in the page.
        setForm((f) => ({ ...f, file: { ...f.file, password: '' }, removePassword: false }));
        // Stored now: the Teams URLs come back redacted, the SFTP keys are not kept in the page.
        const saved = res.data?.updateSchedule;
        if (saved) setForm((f) => ({ ...f, teamsWebhookUrls: [...saved.teamsWebhooks], sftpTargets: saved.sftpTargets.map(sftpFormOf) }));
        setDirty(false);
        setNotice('Saved.');
      }
    } catch (e) {
      const fe = fieldErrors(e);
      setServerErrors(fe.byPath);
      setGeneral(fe.general);
    }
  };

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    setNotice(null); setGeneral([]);
    try { await fn(); setNotice(ok); } catch (e) { setGeneral([friendly(e)]); }
  };

  const saving = createState.loading || updateState.loading;
  const status = schedule?.status;

  return (
    <>
      <p className="crumbs"><a href={href('/schedules')}>← Schedules</a></p>
      <div className="page-head">
        <div>
          <h1>{isNew ? 'New schedule' : schedule.name}</h1>
          {schedule && (
            <span className="muted">
              <span className={`badge ${schedule.status}`} data-testid="schedule-status" title={schedule.pausedReason ?? undefined}>{schedule.status}</span>
              {' '}{schedule.cronDescription} · {schedule.runCount ? `${schedule.runCount} scheduled run${schedule.runCount === 1 ? '' : 's'}` : 'not run on schedule yet'}{schedule.failureCount ? ` · ${schedule.failureCount} failed` : ''}
              {schedule.status === 'PAUSED' && schedule.pausedReason && <> · {schedule.pausedReason}</>}
            </span>
          )}
        </div>
        {schedule && canWrite && (
          <div className="toolbar">
            {status === 'ACTIVE'
              ? <button type="button" disabled={pauseState.loading} onClick={() => void act(() => pause({ variables: { id: schedule.id } }), 'Paused: no runs until you resume.')}>Pause</button>
              : <button type="button" disabled={resumeState.loading} onClick={() => void act(() => resume({ variables: { id: schedule.id } }), 'Resumed: runs missed while paused are not made up.')}>Resume</button>}
            <button type="button" disabled={runState.loading} onClick={() => (chosenReport?.definition.parameters?.length
              ? setRunDialog(true) // a report with parameters: this run's values first
              : void act(async () => { await runNow({ variables: { id: schedule.id } }); setRunKey((k) => k + 1); }, 'Run queued: it appears in the history below.'))}>
              {runState.loading ? 'Starting…' : 'Run now'}
            </button>
            {confirmDelete ? (
              <span className="confirm" role="group" aria-label="Confirm delete">
                <span>Delete this schedule and its history?</span>
                <button type="button" className="danger" disabled={delState.loading} onClick={() => void act(async () => { await del({ variables: { id: schedule.id } }); navigate('/schedules', { force: true }); }, 'Deleted.')}>Yes, delete</button>
                <button type="button" onClick={() => setConfirmDelete(false)}>Cancel</button>
              </span>
            ) : (
              <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>Delete</button>
            )}
          </div>
        )}
      </div>

      {runDialog && schedule && chosenReport && (
        <RunNowDialog scheduleId={schedule.id} parameters={chosenReport.definition.parameters ?? []} scheduleValues={(schedule.parameterValues as ParameterValues | null) ?? null}
          perRecipient={schedule.recipientParameters.length > 0} onClose={() => setRunDialog(false)}
          onStarted={() => { setRunDialog(false); setRunKey((k) => k + 1); setNotice('Run queued: it appears in the history below.'); }} />
      )}
      {!canWrite && <p className="note">You have read-only access: viewers can see schedules and their history but not change them.</p>}
      {notice && <div className="banner" role="status"><span className="ok-text">{notice}</span><button type="button" className="icon" aria-label="Dismiss" onClick={() => setNotice(null)}>×</button></div>}
      {general.length > 0 && <div className="banner banner-error" role="alert"><span>{general.join(' ')}</span></div>}

      <form className="schedule-grid" onSubmit={(e) => void onSave(e)} noValidate>
        <div className="card schedule-form">
          <section>
            <h3>What</h3>
            <Field label="Name" error={err('name')}>
              {(id) => <input id={id} value={form.name} disabled={!canWrite} onChange={(e) => set('name', e.target.value)} placeholder="e.g. Weekly usage summary" />}
            </Field>
            <fieldset className="radios" disabled={!canWrite}>
              <legend>Sends</legend>
              <label className="radio"><input type="radio" name="target" value="REPORT" checked={form.target === 'REPORT'} onChange={() => set('target', 'REPORT')} data-testid="target-report" /> a report</label>
              <label className="radio"><input type="radio" name="target" value="DASHBOARD" checked={form.target === 'DASHBOARD'} onChange={() => set('target', 'DASHBOARD')} data-testid="target-dashboard" /> a dashboard (every tile in one file)</label>
            </fieldset>
            {form.target === 'DASHBOARD' ? (
              <Field label="Dashboard" hint="each run: one PDF with every tile (chart and table), or an XLSX with a sheet per tile" error={err('dashboardId')}>
                {(id) => (
                  <select id={id} value={form.dashboardId} disabled={!canWrite} onChange={(e) => set('dashboardId', e.target.value)} data-testid="schedule-dashboard">
                    <option value="">{dashboards.loading && !dashboards.data ? 'Loading dashboards…' : 'Choose a dashboard…'}</option>
                    {(dashboards.data?.dashboards ?? []).map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
                    {form.dashboardId && dashboards.data && !dashboards.data.dashboards.some((d) => d.id === form.dashboardId) && <option value={form.dashboardId}>(unavailable dashboard)</option>}
                  </select>
                )}
              </Field>
            ) : <>
              <Field label="Report" error={err('reportId')}>
                {(id) => (
                  <select id={id} value={form.reportId} disabled={!canWrite} onChange={(e) => set('reportId', e.target.value)}>
                    <option value="">{reports.loading && !reports.data ? 'Loading reports…' : 'Choose a report…'}</option>
                    {reportOptions.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
                    {form.reportId && reports.data && !reportOptions.some((r) => r.id === form.reportId) && <option value={form.reportId}>(unavailable report)</option>}
                  </select>
                )}
              </Field>
              <FixedRangeWarning report={chosenReport} />
              <ParameterValuesForm idPrefix="schedule" parameters={chosenReport?.definition.parameters ?? []} values={form.parameterValues}
                onChange={(v) => set('parameterValues', v)}
                errors={Object.fromEntries(Object.entries(errs).filter(([k]) => k.startsWith('parameterValues.')).map(([k, m]) => [k.split('.')[1]!, String(m)]))} />
            </>}
            <Field label="Description" hint="optional" error={err('description')}>
              {(id) => <input id={id} value={form.description} disabled={!canWrite} onChange={(e) => set('description', e.target.value)} />}
            </Field>
            <div className="row">
              <Field label="Format" error={err('format')}>
                {(id) => (
                  <select id={id} value={form.format} disabled={!canWrite} onChange={(e) => set('format', e.target.value as Format)}>
                    {(['PDF', 'CSV', 'XLSX', 'JSON'] as Format[]).map((f) => <option key={f} value={f}>{f}</option>)}
                  </select>
                )}
              </Field>
            </div>
            {form.format === 'PDF' && <PdfPageOptions idPrefix="schedule-pdf" value={form.pdfPage} disabled={!canWrite} onChange={(pdfPage) => set('pdfPage', pdfPage)} />}
            {(err('paperSize') || err('orientation')) && <span className="field-error" role="alert">{err('paperSize') ?? err('orientation')}</span>}
            <FileProtection format={form.format} value={form.file} disabled={!canWrite} onChange={(file) => set('file', file)}
              protectedAlready={!!schedule?.passwordProtected && !form.removePassword}
              passwordNote="Emails never carry the password: they say the file is protected with the password agreed with the sender. Tell the recipients yourself." />
            {(err('password') || err('compression')) && <span className="field-error" role="alert">{err('password') ?? err('compression')}</span>}
            {schedule?.passwordProtected && (
              <div className="checks">
                <label className="inline">
                  <input type="checkbox" checked={form.removePassword} disabled={!canWrite || form.file.password !== ''} onChange={(e) => set('removePassword', e.target.checked)} />
                  Remove the password (files are no longer protected)
                </label>
              </div>
            )}
            <Field label="File name" hint="optional: {report} {schedule} {period_start:yyyy-MM-dd} {period_end:yyyy-MM-dd} {run_at:yyyy-MM-dd_HH'h'mm} {param:field}; the extension is added" error={err('fileNameTemplate')}>
              {(id) => <input id={id} value={form.fileNameTemplate} disabled={!canWrite} placeholder="{report}_{run_at}" onChange={(e) => set('fileNameTemplate', e.target.value)} />}
            </Field>
          </section>

          <section>
            <h3>When</h3>
            <Field label="Cadence" error={err('preset')}>
              {(id) => (
                <select id={id} value={form.preset.kind} disabled={!canWrite} onChange={(e) => setPreset({ kind: e.target.value as PresetKind })}>
                  {PRESETS.map(([k, l]) => <option key={k} value={k}>{l}</option>)}
                </select>
              )}
            </Field>
            {form.preset.kind !== 'CUSTOM' && (
              <div className="row">
                {form.preset.kind === 'WEEKLY' && (
                  <Field label="Weekday">
                    {(id) => (
                      <select id={id} value={form.preset.dayOfWeek} disabled={!canWrite} onChange={(e) => setPreset({ dayOfWeek: Number(e.target.value) })}>
                        {WEEKDAYS.map((d, i) => <option key={d} value={i}>{d}</option>)}
                      </select>
                    )}
                  </Field>
                )}
                {form.preset.kind === 'MONTHLY' && (
                  <Field label="Day of month" hint="1–28">
                    {(id) => (
                      <select id={id} value={form.preset.dayOfMonth} disabled={!canWrite} onChange={(e) => setPreset({ dayOfMonth: Number(e.target.value) })}>
                        {Array.from({ length: 28 }, (_, i) => i + 1).map((d) => <option key={d} value={d}>{d}</option>)}
                      </select>
                    )}
                  </Field>
                )}
                {form.preset.kind === 'HOURLY' ? (
                  <Field label="Minute past the hour">
                    {(id) => <input id={id} type="number" min={0} max={59} value={form.preset.minute} disabled={!canWrite} onChange={(e) => setPreset({ minute: Math.max(0, Math.min(59, Number(e.target.value) || 0)) })} />}
                  </Field>
                ) : (
                  <Field label="Time of day">
                    {(id) => (
                      <input id={id} type="time" step={60} value={`${pad(form.preset.hour)}:${pad(form.preset.minute)}`} disabled={!canWrite}
                        onChange={(e) => { const [h, m] = e.target.value.split(':').map(Number); if (Number.isFinite(h) && Number.isFinite(m)) setPreset({ hour: h!, minute: m! }); }} />
                    )}
                  </Field>
                )}
              </div>
            )}
            <Field label="Cron" hint={form.preset.kind === 'CUSTOM' ? 'minute hour day-of-month month day-of-week' : 'set by the cadence; choose “Custom cron” to edit'} error={err('cron') ?? cronError ?? undefined}>
              {(id) => (
                <input id={id} className="mono" value={form.cron} spellCheck={false} disabled={!canWrite} readOnly={form.preset.kind !== 'CUSTOM'}
                  aria-invalid={!!(err('cron') || cronError)}
                  onChange={(e) => set('cron', e.target.value)} placeholder="0 9 * * 1-5" />
              )}
            </Field>
            <TimeZoneInput value={form.timezone} disabled={!canWrite} onChange={(v) => set('timezone', v)} error={err('timezone')}
              note={<RunZoneNote report={chosenReport} timezone={form.timezone} />} />
            <LocaleInput value={form.locale} disabled={!canWrite} onChange={(v) => set('locale', v)} error={err('locale')}
              placeholder={chosenReport?.definition.locale || DEFAULT_LOCALE}
              note="How numbers and dates read in each run's PDF, Excel file and email; empty uses the report's locale." />
            <div className="checks">
              <label className="inline"><input type="checkbox" checked={form.businessDaysOnly} disabled={!canWrite} onChange={(e) => set('businessDaysOnly', e.target.checked)} /> Business days only (skip weekends)</label>
              {form.businessDaysOnly && (
                <HolidayCalendarInput value={form.holidays} disabled={!canWrite} onChange={(v) => set('holidays', v)}
                  countryError={err('holidayCountry')} regionError={err('holidayRegion')} />
              )}
              <label className="inline"><input type="checkbox" checked={form.skipIfEmpty} disabled={!canWrite} onChange={(e) => set('skipIfEmpty', e.target.checked)} /> Skip delivery when there are no rows</label>
              <label className="inline"><input type="checkbox" checked={form.onlyIfChanged} disabled={!canWrite} onChange={(e) => set('onlyIfChanged', e.target.checked)} /> Send only if the rows changed since the last delivered run</label>
              {form.target === 'REPORT' && (
                <AlertConditionInput value={form.alert} disabled={!canWrite} onChange={(v) => set('alert', v)} error={err}
                  measures={(chosenReport?.definition.measures ?? []).map((m) => m.alias ?? '').filter(Boolean)} />
              )}
            </div>
          </section>

          <section>
            <h3>Delivery</h3>
            <fieldset className="radios" disabled={!canWrite}>
              <legend>Delivery method</legend>
              {([['EMAIL', 'Email'], ['S3', 'S3'], ['BOTH', 'Email and S3']] as [Delivery, string][]).map(([v, l]) => (
                <label className="radio" key={v}><input type="radio" name="delivery" value={v} checked={form.delivery === v} onChange={() => set('delivery', v)} /> {l}</label>
              ))}
            </fieldset>
            {err('delivery') && <span className="field-error">{err('delivery')}</span>}
            {usesEmail && (
              <>
                <RecipientsInput value={form.recipients} disabled={!canWrite} onChange={(v) => set('recipients', v)} error={err('recipients')} />
                {form.target === 'REPORT' && (
                  <RecipientValuesEditor parameters={chosenReport?.definition.parameters ?? []} recipients={form.recipients} values={form.recipientParameters}
                    onChange={(v) => set('recipientParameters', v)} errors={errs} disabled={!canWrite} />
                )}
                <fieldset className="radios" disabled={!canWrite}>
                  <legend>Attachment</legend>
                  {([['AUTO', 'Auto (attach small files, link large ones)'], ['ATTACH', 'Always attach'], ['LINK', 'Always link']] as [Attachment, string][]).map(([v, l]) => (
                    <label className="radio" key={v}><input type="radio" name="attachment" value={v} checked={form.attachment === v} onChange={() => set('attachment', v)} /> {l}</label>
                  ))}
                </fieldset>
                <Field label="Subject" hint="placeholders: {report} {period} {schedule} {rows}" error={err('emailConfig.subject')}>
                  {(id) => <input id={id} value={form.subject} disabled={!canWrite} onChange={(e) => set('subject', e.target.value)} placeholder="{report} for {period}" />}
                </Field>
                <Field label="Message" hint="shown above the summary; same placeholders" error={err('emailConfig.message')}>
                  {(id) => <textarea id={id} rows={3} value={form.message} disabled={!canWrite} onChange={(e) => set('message', e.target.value)} />}
                </Field>
              </>
            )}
            {usesS3 && (
              <div className="row">
                <Field label="Bucket" error={err('s3Config.bucket')}>
                  {(id) => <input id={id} value={form.bucket} disabled={!canWrite} onChange={(e) => set('bucket', e.target.value)} placeholder="reports-archive" />}
                </Field>
                <Field label="Key template" hint="{tenant} {report} {schedule} {date} {format}" error={err('s3Config.keyTemplate')}>
                  {(id) => <input id={id} className="mono" value={form.keyTemplate} disabled={!canWrite} onChange={(e) => set('keyTemplate', e.target.value)} />}
                </Field>
              </div>
            )}
            <DestinationsInput slackChannels={form.slackChannels} webhookUrls={form.webhookUrls} disabled={!canWrite}
              onSlack={(v) => set('slackChannels', v)} onWebhooks={(v) => set('webhookUrls', v)}
              slackError={err('slackChannels')} webhookError={err('webhookUrls')} />
            <WebhookSecretPanel scheduleId={schedule?.id ?? null} hasSecret={!!schedule?.hasWebhookSecret && form.webhookUrls.length > 0}
              revealed={webhookSecret} onRevealed={setWebhookSecret} canWrite={canWrite} />
            <TeamsSftpInput teamsWebhookUrls={form.teamsWebhookUrls} sftpTargets={form.sftpTargets} disabled={!canWrite} err={err}
              onTeams={(v) => set('teamsWebhookUrls', v)} onSftp={(v) => set('sftpTargets', v)} />
            <Field label="Owner email" hint="gets failure notices" error={err('ownerEmail')}>
              {(id) => <input id={id} {...EMAIL_INPUT_PROPS} value={form.ownerEmail} disabled={!canWrite} onChange={(e) => set('ownerEmail', e.target.value)} placeholder="you@example.com" />}
            </Field>
          </section>

          {canWrite && (
            <div className="toolbar">
              <button type="submit" className="primary" disabled={saving}>{saving ? 'Saving…' : 'Save'}</button>
              {isNew ? <a className="button" href={href('/schedules')}>Cancel</a>
                : dirty && <button type="button" onClick={() => { setForm(fromSchedule(schedule)); setDirty(false); setServerErrors({}); setClientErrors({}); }}>Discard changes</button>}
              {Object.keys(errs).length > 0 && <span className="field-error">Please fix the highlighted fields.</span>}
            </div>
          )}
        </div>

        <aside className="schedule-side">
          <div className="card">
            <NextRuns cron={form.cron} timezone={form.timezone} onCronError={onCronError}
              businessDaysOnly={form.businessDaysOnly} holidayCountry={form.holidays.country} holidayRegion={form.holidays.region} />
          </div>
        </aside>
      </form>

      {schedule && <ExecutionHistory scheduleId={schedule.id} timezone={schedule.timezone} canWrite={canWrite} refreshKey={runKey} onSettled={onSettled} />}
    </>
  );
}

function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <div className="field-label"><label htmlFor={id}>{label}</label>{hint && <span className="hint">{hint}</span>}</div>
      {children(id)}
      {error && <span className="field-error" role="alert">{error}</span>}
    </div>
  );
}
