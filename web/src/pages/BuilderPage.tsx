/**
 * The report builder: a definition form validated live against the server, a paged live preview,
 * save / save as / delete, and the export panel for saved reports.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import type { MeasureFn, SortDirection } from '../generated/graphql';
import {
  BUILDER_CREATE, BUILDER_DELETE, BUILDER_PREVIEW, BUILDER_REPORT, BUILDER_TABLES, BUILDER_UPDATE, BUILDER_VALIDATE, REPORTS_LIST,
} from '../components/reports/documents';
import {
  MEASURE_FNS, dimensionKey, emptyDraft, fromDefinition, measureKey, outputKeys, toDefinition,
  type Draft, type DraftFilter, type TableInfo,
} from '../components/reports/model';
import { FieldError } from '../components/reports/FieldError';
import { FilterRow } from '../components/reports/FilterRow';
import { DimensionsSection } from '../components/reports/DimensionsSection';
import { TimeSection } from '../components/reports/TimeSection';
import { PreviewCard } from '../components/reports/PreviewCard';
import { ChartSection } from '../components/reports/ChartSection';
import { AUTO_FORM, formOf, visualizationInputOf, type VisualizationForm } from '../components/reports/visualization-form';
import { ErrorBanner, friendlyError } from '../components/reports/ErrorBanner';
import { ExportPanel } from '../components/exports/ExportPanel';
import { browserZone } from '../components/schedules/util';
import { canonicalLocale, DEFAULT_LOCALE, formatRelativeTime } from '../format';
import { href, navigate, useLeaveGuard } from '../router';
import { useAuth } from '../auth';
import type { LabelContext } from '../messages';
import { followRenamedKeys, hasTableSpecificWork, sortByColumn } from '../components/reports/draft-edits';
import { cascadeQuestion, schedulesInTheWay } from '../components/reports/report-deletion';
import { TemplateGallery } from '../components/templates/TemplateGallery';
import { ParameterValuesForm, filledValues, parameterErrors, type ParameterValues } from '../components/templates/ParameterValuesForm';
import { ShareButton } from '../components/sharing/ShareDialog';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const PAGE = 50;

/** Keyed by report so moving between reports (or to a new one) starts from a fresh form. */
export function BuilderPage({ reportId }: { reportId: string | null }) {
  return <Builder key={reportId ?? 'new'} reportId={reportId} />;
}

function Builder({ reportId }: { reportId: string | null }) {
  const client = useApolloClient();
  const tablesQ = useQuery(BUILDER_TABLES);
  const reportQ = useQuery(BUILDER_REPORT, { variables: { id: reportId ?? '' }, skip: !reportId });
  const tables = useMemo(() => (tablesQ.data?.tables ?? []) as TableInfo[], [tablesQ.data]);

  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  // A new report reads time where its author is; a saved one keeps its zone.
  const [draft, setDraft] = useState<Draft | null>(reportId ? null : emptyDraft('', browserZone()));
  const [dirty, setDirty] = useState(false);
  // The chart choice (saved as the report's visualization); Automatic until someone chooses.
  const [chartForm, setChartForm] = useState<VisualizationForm>(AUTO_FORM);
  const [notice, setNotice] = useState<string | null>(null);
  const [serverError, setServerError] = useState<unknown>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  // On one-column screens the definition and the preview are tabs (styles.css); a saved report opens on its preview.
  const [tab, setTab] = useState<'definition' | 'preview'>(reportId ? 'preview' : 'definition');
  // Viewers read reports, and so does an editor a report is shared with for viewing only (sharing);
  // the server refuses their writes, so they are not offered.
  const { session } = useAuth();
  const sharedForViewing = reportQ.data?.report.canEdit === false && session?.role !== 'viewer';
  const canEdit = session?.role !== 'viewer' && !sharedForViewing;
  useLeaveGuard(canEdit && dirty ? 'Leave this report? Your unsaved changes will be lost.' : null);

  // Load the saved report once.
  const saved = reportQ.data?.report;
  useEffect(() => {
    if (saved && (!draft || draft.source === '')) {
      setName(saved.name);
      setDescription(saved.description ?? '');
      setDraft(fromDefinition(saved.definition));
      setChartForm(formOf(saved.visualization));
      setDirty(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [saved]);
  // A new report starts on the first table.
  useEffect(() => {
    if (!reportId && draft && !draft.source && tables[0]) setDraft({ ...draft, source: tables[0].name });
  }, [reportId, draft, tables]);

  const table = tables.find((t) => t.name === draft?.source);
  const columns = table?.columns ?? [];
  // What problem paths are about, so messages name "Filter 1 (Platform)" rather than a path.
  const labels: LabelContext = useMemo(() => ({ columns, dimensions: draft?.dimensions, measures: draft?.measures, filters: draft?.filters }), [columns, draft]);
  const kindOf = useCallback((field: string) => table?.columns.find((c) => c.name === field)?.kind, [table]);
  const definition = useMemo(() => (draft && draft.source ? toDefinition(draft, table) : null), [draft, table]);
  const debounced = useDebounced(definition, 300);
  const defKey = JSON.stringify(debounced);

  const validateQ = useQuery(BUILDER_VALIDATE, { variables: { definition: debounced! }, skip: !debounced, fetchPolicy: 'network-only' });
  // The current definition's verdict; while it is on its way, the previous one stays on screen.
  const validation = validateQ.data?.validateReport;
  const shownValidation = validation ?? validateQ.previousData?.validateReport;
  const errors = useMemo(() => {
    const out: Record<string, string[]> = {};
    for (const e of shownValidation?.errors ?? []) (out[e.path] ??= []).push(e.message);
    return out;
  }, [shownValidation]);
  const valid = !!validation?.valid && JSON.stringify(definition) === defKey;

  // Preview paging: a stack of cursors, reset whenever the definition changes.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  useEffect(() => setCursors([null]), [defKey]);
  // Values for the report's parameters (issue 19), for the preview only: a new set starts at page 1.
  const [paramValues, setParamValues] = useState<ParameterValues>({});
  const sentValues = useDebounced(filledValues(paramValues), 400);
  useEffect(() => setCursors([null]), [JSON.stringify(sentValues)]);
  const after = cursors[cursors.length - 1] ?? null;
  const previewQ = useQuery(BUILDER_PREVIEW, {
    variables: { input: { definition: debounced!, first: PAGE, after, ...(sentValues ? { parameterValues: sentValues } : {}) } },
    skip: !debounced || !validation?.valid,
    fetchPolicy: 'network-only',
  });
  const current = (previewQ.data ?? previewQ.previousData)?.previewReport;
  // The last preview of a valid definition: shown, marked out of date, while an edit is unfinished.
  const lastGood = useRef<typeof current>(undefined);
  if (current && validation?.valid) lastGood.current = current;
  const preview = shownValidation?.valid ? current : lastGood.current;
  // The page number that goes with the rows on screen (the previous page's while the next loads).
  const shownPage = useRef(0);
  if (previewQ.data) shownPage.current = cursors.length - 1;
  const page = cursors.length - 1;
  const dataPage = shownPage.current;

  const [createReport, createState] = useMutation(BUILDER_CREATE, { refetchQueries: [REPORTS_LIST] });
  const [updateReport, updateState] = useMutation(BUILDER_UPDATE, { refetchQueries: [REPORTS_LIST] });
  const [deleteReport, deleteState] = useMutation(BUILDER_DELETE, { refetchQueries: [REPORTS_LIST] });
  const saving = createState.loading || updateState.loading;

  function edit(fn: (d: Draft) => Draft) {
    // A renamed output column takes its sort along (draft-edits.ts).
    setDraft((d) => (d ? followRenamedKeys(d, fn(d)) : d));
    setDirty(true);
    setNotice(null);
  }

  async function save(asNew: boolean) {
    if (!definition) return;
    setServerError(null);
    let saveName = name.trim();
    if (asNew) {
      const proposed = window.prompt('Name for the new report', saveName ? `${saveName} (copy)` : '');
      if (proposed === null) return;
      saveName = proposed.trim();
    }
    if (!saveName) {
      setNameError('Give the report a name before saving.');
      return;
    }
    setNameError(null);
    const visualization = visualizationInputOf(chartForm, draft?.measures.map(measureKey) ?? []);
    try {
      if (reportId && !asNew) {
        await updateReport({ variables: { id: reportId, input: { name: saveName, description: description || null, definition, visualization } } });
        setDirty(false);
        setNotice('Saved.');
        await client.refetchQueries({ include: [BUILDER_REPORT] });
      } else {
        const res = await createReport({ variables: { input: { name: saveName, description: description || null, definition, visualization } } });
        const id = res.data?.createReport.id;
        setDirty(false);
        if (id) {
          setNotice(asNew ? `Saved as “${saveName}”.` : 'Saved.');
          navigate(`/reports/${encodeURIComponent(id)}`, { force: true });
        }
      }
    } catch (e) {
      setServerError(e);
      const { message } = friendlyError(e, labels);
      if (/\bnamed?\b/i.test(message)) setNameError(message);
    }
  }

  // Ctrl+S / Cmd+S saves, as in every editor; the browser's "save page" is never what is meant here.
  const saveShortcut = useRef({ save, saving });
  saveShortcut.current = { save, saving };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (!saveShortcut.current.saving) void saveShortcut.current.save(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function remove() {
    if (!reportId || !window.confirm(`Delete the report “${name}”? This cannot be undone.`)) return;
    try {
      // Refused while schedules export the report: the second question names them (report-deletion.ts).
      await deleteReport({ variables: { id: reportId, force: false } });
      navigate('/reports', { force: true });
    } catch (e) {
      const schedules = schedulesInTheWay(e);
      if (!schedules) return setServerError(e);
      if (!window.confirm(cascadeQuestion(name, schedules))) return;
      try {
        await deleteReport({ variables: { id: reportId, force: true } });
        navigate('/reports', { force: true });
      } catch (forced) {
        setServerError(forced);
      }
    }
  }

  if (tablesQ.error || reportQ.error) {
    return (
      <>
        <p><a href={href('/reports')}>← All reports</a></p>
        <ErrorBanner error={tablesQ.error ?? reportQ.error} title={reportQ.error ? 'This report could not be loaded' : 'The table catalog could not be loaded'} />
      </>
    );
  }
  if (!draft || tablesQ.loading) return <p className="muted" role="status">Loading the report builder…</p>;

  const keys = outputKeys(draft);
  const firstSort = draft.orderBy[0]?.key ? { key: draft.orderBy[0].key, direction: draft.orderBy[0].direction } : null;
  const timeCols = columns.filter((c) => c.time);

  return (
    <div className="builder" data-tab={tab}>
      <div className="page-head">
        <div>
          <a href={href('/reports')} className="muted">← All reports</a>
          <h1>{reportId ? name || 'Report' : 'New report'}</h1>
          {saved && <span className="muted">Last saved {formatRelativeTime(saved.updatedAt)}{dirty ? ' · unsaved changes' : ''}</span>}
        </div>
        <div className="toolbar">
          {notice && <span className="ok-text" role="status">{notice}</span>}
          {canEdit && <button type="button" className="primary" onClick={() => save(false)} disabled={saving || !definition} title="Save (Ctrl+S)" aria-keyshortcuts="Control+S Meta+S">{saving ? 'Saving…' : 'Save'}</button>}
          {canEdit && reportId && <button type="button" onClick={() => save(true)} disabled={saving}>Save as…</button>}
          {canEdit && reportId && <ShareButton objectType="REPORT" objectId={reportId} name={name || 'Report'} />}
          {canEdit && reportId && <button type="button" className="danger" onClick={remove} disabled={deleteState.loading}>Delete</button>}
        </div>
      </div>
      {!canEdit && <p className="note" data-testid="read-only-note">{sharedForViewing
        ? 'This report is shared with you for viewing: you can preview, export and schedule it, not change it. Ask its owner for edit access.'
        : 'You have read-only access: viewers can preview and download reports but not change them.'}</p>}
      <ErrorBanner error={serverError} title="That did not work" onDismiss={() => setServerError(null)} labels={labels} />

      {!reportId && canEdit && <TemplateGallery />}
      <div className="builder-tabs" role="tablist" aria-label="Builder view">
        <button type="button" role="tab" aria-selected={tab === 'definition'} onClick={() => setTab('definition')}>Definition</button>
        <button type="button" role="tab" aria-selected={tab === 'preview'} onClick={() => setTab('preview')}>
          Preview{shownValidation && !shownValidation.valid ? ` (${shownValidation.errors.length} to fix)` : ''}
        </button>
      </div>
      <div className="builder-grid">
        <form className={canEdit ? 'card builder-form' : 'card builder-form read-only'} onSubmit={(e) => { e.preventDefault(); if (canEdit) void save(false); }} aria-label="Report definition">
          <fieldset className="plain" disabled={!canEdit}>
          <section>
            <label>
              Name
              <input value={name} onChange={(e) => { setName(e.target.value); setDirty(true); setNameError(null); }} placeholder="e.g. Daily signups by country" required />
              {nameError && <span className="field-error" role="alert">{nameError}</span>}
            </label>
            <label>
              Description
              <textarea rows={2} value={description} onChange={(e) => { setDescription(e.target.value); setDirty(true); }} placeholder="What this report answers (optional)" />
            </label>
            <label>
              Table
              <select value={draft.source} onChange={(e) => {
                const next = tables.find((t) => t.name === e.target.value);
                // The dimensions, measures, filters and sorts name this table's columns: ask before dropping them.
                if (hasTableSpecificWork(draft) && !window.confirm(`Switch to ${next?.label ?? e.target.value}? The dimensions, measures, filters and sorts you chose for ${table?.label ?? 'this table'} will be cleared.`)) return;
                edit(() => ({ ...emptyDraft(e.target.value, draft.timeZone), range: draft.range, weekStart: draft.weekStart, rowLimit: draft.rowLimit, locale: draft.locale }));
              }}>
                {tables.map((t) => <option key={t.name} value={t.name}>{t.label}</option>)}
              </select>
              {table && <span className="hint">{table.description}</span>}
              <FieldError errors={errors} path="source" />
            </label>
          </section>

          <DimensionsSection draft={draft} columns={columns} errors={errors} edit={edit} />

          <section aria-labelledby="measures-h">
            <h3 id="measures-h">Measures <span className="hint">numbers to compute</span></h3>
            {draft.measures.map((m, i) => (
              <div className="builder-row" key={i} data-testid="measure-row">
                <label>
                  Measure {i + 1} function
                  <select value={m.fn} onChange={(e) => edit((x) => ({ ...x, measures: x.measures.map((y, j) => (j === i ? { ...y, fn: e.target.value as MeasureFn } : y)) }))}>
                    {MEASURE_FNS.map((fn) => <option key={fn} value={fn}>{fn.toLowerCase()}</option>)}
                  </select>
                  <FieldError errors={errors} path={`measures.${i}.fn`} />
                </label>
                <label>
                  Measure {i + 1} column
                  <select value={m.field} onChange={(e) => edit((x) => ({ ...x, measures: x.measures.map((y, j) => (j === i ? { ...y, field: e.target.value } : y)) }))}>
                    <option value="">{m.fn === 'COUNT' ? 'All rows' : 'Choose a column…'}</option>
                    {columns.filter((c) => (m.fn === 'COUNT_TRUE' ? c.kind === 'BOOLEAN' : m.fn === 'COUNT' || m.fn === 'UNIQ' ? c.dimension || c.measure : c.measure)).map((c) => <option key={c.name} value={c.name}>{c.label}</option>)}
                  </select>
                  <FieldError errors={errors} path={`measures.${i}.field`} />
                </label>
                <label>
                  Alias
                  <input value={m.alias} placeholder="optional" onChange={(e) => edit((x) => ({ ...x, measures: x.measures.map((y, j) => (j === i ? { ...y, alias: e.target.value } : y)) }))} />
                  <FieldError errors={errors} path={`measures.${i}.alias`} />
                </label>
                <button type="button" className="danger icon" aria-label={`Remove measure ${i + 1}`} onClick={() => edit((x) => ({ ...x, measures: x.measures.filter((_, j) => j !== i) }))}>Remove</button>
                <FieldError errors={errors} path={`measures.${i}`} />
              </div>
            ))}
            <FieldError errors={errors} path="measures" />
            <button type="button" onClick={() => edit((x) => ({ ...x, measures: [...x.measures, { fn: 'COUNT', field: '', alias: '' }] }))}>+ Add measure</button>
          </section>

          <section aria-labelledby="filters-h">
            <h3 id="filters-h">Filters</h3>
            {draft.filters.map((f, i) => (
              <FilterRow key={i} source={draft.source} index={i} filter={f} columns={columns} errors={errors} timeZone={draft.timeZone}
                onChange={(next: DraftFilter) => edit((x) => ({ ...x, filters: x.filters.map((y, j) => (j === i ? next : y)) }))}
                onRemove={() => edit((x) => ({ ...x, filters: x.filters.filter((_, j) => j !== i) }))} />
            ))}
            <FieldError errors={errors} path="filters" />
            <button type="button" onClick={() => edit((x) => ({ ...x, filters: [...x.filters, { field: '', op: 'EQ', value: '', values: [] }] }))}>+ Add filter</button>
          </section>

          <TimeSection range={draft.range} timeZone={draft.timeZone} locale={draft.locale} weekStart={draft.weekStart} errors={errors}
            grains={draft.dimensions.map((d) => d.grain)}
            timeColumn={timeCols.length === 0 ? null : columns.find((c) => c.name === table?.defaultTimeColumn)?.label ?? table?.defaultTimeColumn ?? null}
            onRange={(range) => edit((x) => ({ ...x, range }))}
            onTimeZone={(timeZone) => edit((x) => ({ ...x, timeZone }))}
            onLocale={(locale) => edit((x) => ({ ...x, locale }))}
            onWeekStart={(weekStart) => edit((x) => ({ ...x, weekStart }))} />
          {timeCols.length === 0 && draft.range.kind !== 'all' && <span className="hint">This table has no time column.</span>}
          {draft.range.kind !== 'all' || draft.rangeParam ? (
            <label className="inline">
              <input type="checkbox" checked={!!draft.compare} onChange={(e) => edit((x) => ({ ...x, compare: e.target.checked ? 'PREVIOUS_PERIOD' : null }))} />
              Compare with the previous period (each measure, its previous value and the change in %)
            </label>
          ) : null}
          <FieldError errors={errors} path="timeRange.compare" />
          {draft.rangeParam && <p className="hint" data-testid="range-param">The time range comes from the parameter “{draft.parameters.find((p) => p.name === draft.rangeParam!.param)?.label || draft.rangeParam.param}” (set its value beside the preview); the period above is not used.</p>}

          <section aria-labelledby="order-h">
            <h3 id="order-h">Order and limit</h3>
            {draft.orderBy.map((o, i) => (
              <div className="builder-row" key={i} data-testid="order-row">
                <label>
                  Order {i + 1} by
                  <select value={o.key} onChange={(e) => edit((x) => ({ ...x, orderBy: x.orderBy.map((y, j) => (j === i ? { ...y, key: e.target.value } : y)) }))}>
                    <option value="">Choose an output column…</option>
                    {[...new Set([...keys, ...(o.key && !keys.includes(o.key) ? [o.key] : [])])].map((k) => <option key={k} value={k}>{k}</option>)}
                  </select>
                  <FieldError errors={errors} path={`orderBy.${i}.key`} />
                </label>
                <label>
                  Direction
                  <select value={o.direction} onChange={(e) => edit((x) => ({ ...x, orderBy: x.orderBy.map((y, j) => (j === i ? { ...y, direction: e.target.value as SortDirection } : y)) }))}>
                    <option value="ASC">Ascending</option>
                    <option value="DESC">Descending</option>
                  </select>
                </label>
                <button type="button" className="danger icon" aria-label={`Remove order ${i + 1}`} onClick={() => edit((x) => ({ ...x, orderBy: x.orderBy.filter((_, j) => j !== i) }))}>Remove</button>
                <FieldError errors={errors} path={`orderBy.${i}`} />
              </div>
            ))}
            <button type="button" onClick={() => edit((x) => ({ ...x, orderBy: [...x.orderBy, { key: keys[0] ?? '', direction: 'DESC' }] }))} disabled={keys.length === 0}>+ Add sort</button>
            <label className="narrow">
              Row limit
              <input type="number" min={1} step={1} value={draft.rowLimit} placeholder="10000" onChange={(e) => edit((x) => ({ ...x, rowLimit: e.target.value }))} />
              <FieldError errors={errors} path="rowLimit" />
            </label>
          </section>
          </fieldset>
        </form>

        <div className="builder-side">
          <ChartSection definition={debounced} valid={!!validation?.valid} invalid={!!shownValidation && !shownValidation.valid} readOnly={!canEdit} form={chartForm} locale={canonicalLocale(draft.locale) ?? DEFAULT_LOCALE}
            kindOf={kindOf} onChange={(f) => { setChartForm(f); setDirty(true); setNotice(null); }} />
          <ParameterValuesForm idPrefix="preview" source={draft.source} parameters={draft.parameters} values={paramValues} onChange={setParamValues}
            errors={parameterErrors(previewQ.error, 'input.parameterValues')} />
          <PreviewCard updating={validateQ.loading || previewQ.loading} validation={shownValidation} error={validateQ.error ?? previewQ.error}
            preview={preview} rowLimit={debounced?.rowLimit} labels={labels} sort={firstSort}
            onSort={(key, numeric) => edit((x) => ({ ...x, orderBy: sortByColumn(x.orderBy, key, numeric) }))} dataPage={dataPage} page={page} pageSize={PAGE}
            locale={canonicalLocale(draft.locale) ?? DEFAULT_LOCALE}
            grains={Object.fromEntries(draft.dimensions.filter((d) => d.grain).map((d) => [dimensionKey(d), d.grain]))}
            onPrevious={() => setCursors((c) => c.slice(0, -1))}
            onNext={() => preview?.pageInfo.endCursor && setCursors((c) => [...c, preview.pageInfo.endCursor!])} />
          {reportId ? (
            <ExportPanel reportId={reportId} source={saved?.definition.source} parameters={saved?.definition.parameters ?? []} reportTimeZone={saved?.definition.timeZone || 'UTC'} reportLocale={saved?.definition.locale || DEFAULT_LOCALE} disabled={dirty || !valid} disabledReason={dirty ? 'Save your changes to export them.' : !valid ? 'Fix the problems above to export.' : undefined} />
          ) : (
            <section className="card"><h2>Download report</h2><p className="muted">Save the report to download it as CSV, Excel, PDF or JSON.</p></section>
          )}
        </div>
      </div>
    </div>
  );
}
