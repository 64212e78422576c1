/**
 * Conditional sends (alerts): a schedule may deliver a run only when a condition on its results
 * holds. Pure: the shape is checked against the report's output columns, and a run's measure (taken
 * by the export run, exports/alert-measure.ts) is judged against the threshold and, for CHANGE, the
 * previous evaluated run's value. No I/O here.
 *
 * Kinds:
 *   NO_ROWS    the result has no rows
 *   SOME_ROWS  the result has at least one row
 *   FIRST_ROW  `column` of the first row (in the report's order) is ABOVE / BELOW `threshold`
 *   ANY_ROW    `column` of any row is ABOVE / BELOW `threshold` (the max, resp. the min, is compared)
 *   CHANGE     `column` of the first row changed by more than `changePercent` % against the
 *              previous evaluated run's value (ABOVE: a rise, BELOW: a fall, absent: either way)
 * notifyOnce: a met condition is delivered the first time only; later runs where it still holds
 * are SKIPPED_CONDITION until a run where it does not hold re-arms it.
 */

export const ALERT_KINDS = ['NO_ROWS', 'SOME_ROWS', 'FIRST_ROW', 'ANY_ROW', 'CHANGE'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_COMPARISONS = ['ABOVE', 'BELOW'] as const;
export type AlertComparison = (typeof ALERT_COMPARISONS)[number];

/** As stored in schedules.alert_condition. */
export interface AlertCondition {
  kind: AlertKind;
  column: string | null;
  comparison: AlertComparison | null;
  threshold: number | null;
  changePercent: number | null;
  notifyOnce: boolean;
}

/** What the export run measured of `column` over the result (exports.alert_measure). */
export interface AlertMeasure {
  column: string;
  /** The first row's value; null: no rows, or the value was NULL. */
  first: number | null;
  max: number | null;
  min: number | null;
}

/** As recorded on the execution (schedule_executions.condition) and shown in its history. */
export interface ConditionResult {
  kind: AlertKind;
  met: boolean;
  /** The condition was armed when evaluated (notifyOnce: no earlier run met it without clearing since). */
  armed: boolean;
  /** The run was delivered because of it (met and armed). */
  notified: boolean;
  rowCount: number;
  column: string | null;
  comparison: AlertComparison | null;
  /** The value compared: the first row's (FIRST_ROW, CHANGE), the max or min (ANY_ROW), the row count (row kinds). */
  observed: number | null;
  threshold: number | null;
  /** CHANGE: the previous evaluated run's value; null: none. */
  previous: number | null;
  /** CHANGE: the change in percent against `previous`; null when it cannot be computed. */
  changePercent: number | null;
  /** One sentence saying what was compared and the outcome. */
  summary: string;
  evaluatedAt: string;
}

export interface ConditionInput {
  kind: AlertKind;
  column?: string | null;
  comparison?: AlertComparison | null;
  threshold?: number | null;
  changePercent?: number | null;
  notifyOnce?: boolean | null;
}

export interface ColumnInfo {
  key: string;
  kind: string;
}

export interface FieldProblem {
  path: string;
  message: string;
}

export function needsColumn(kind: AlertKind): boolean {
  return kind === 'FIRST_ROW' || kind === 'ANY_ROW' || kind === 'CHANGE';
}

/**
 * The condition to store, or the problems with it (paths under `path`). The column must be one of
 * the report's output columns and numeric.
 */
export function checkAlertCondition(input: ConditionInput, columns: ColumnInfo[], path: string): { condition: AlertCondition | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const kind = input.kind;
  if (!ALERT_KINDS.includes(kind)) return { condition: null, problems: [{ path: `${path}.kind`, message: `unknown kind "${String(kind)}"` }] };
  let column: string | null = null;
  if (needsColumn(kind)) {
    const name = input.column?.trim();
    const found = name ? columns.find((c) => c.key === name) : undefined;
    if (!name) problems.push({ path: `${path}.column`, message: `${kind} needs the column to measure` });
    else if (!found) problems.push({ path: `${path}.column`, message: `unknown column "${name}"; the report's columns are ${columns.map((c) => c.key).join(', ')}` });
    else if (found.kind !== 'NUMBER') problems.push({ path: `${path}.column`, message: `column "${name}" is not numeric (${found.kind.toLowerCase()}): a measure must be a number` });
    else column = found.key;
  } else if (input.column != null) problems.push({ path: `${path}.column`, message: `${kind} compares the row count: give no column` });
  let comparison: AlertComparison | null = input.comparison ?? null;
  let threshold: number | null = input.threshold ?? null;
  let changePercent: number | null = input.changePercent ?? null;
  if (kind === 'FIRST_ROW' || kind === 'ANY_ROW') {
    if (!comparison) problems.push({ path: `${path}.comparison`, message: 'ABOVE or BELOW is required' });
    if (threshold === null || !Number.isFinite(threshold)) problems.push({ path: `${path}.threshold`, message: 'a finite number is required' });
    if (changePercent !== null) problems.push({ path: `${path}.changePercent`, message: 'only CHANGE takes a percentage' });
  } else if (kind === 'CHANGE') {
    if (changePercent === null || !Number.isFinite(changePercent) || changePercent < 0 || changePercent > 1_000_000) problems.push({ path: `${path}.changePercent`, message: 'a percentage from 0 to 1000000 is required' });
    if (threshold !== null) problems.push({ path: `${path}.threshold`, message: 'CHANGE compares with the previous run: give changePercent, not threshold' });
  } else {
    if (comparison !== null) problems.push({ path: `${path}.comparison`, message: `${kind} takes no comparison` });
    if (threshold !== null) problems.push({ path: `${path}.threshold`, message: `${kind} takes no threshold` });
    if (changePercent !== null) problems.push({ path: `${path}.changePercent`, message: `${kind} takes no percentage` });
    comparison = null;
    threshold = null;
    changePercent = null;
  }
  if (problems.length) return { condition: null, problems };
  return { condition: { kind, column, comparison, threshold, changePercent, notifyOnce: input.notifyOnce ?? false }, problems };
}

/** A stored condition read back (older or hand-edited rows: null when it is not one). */
export function storedAlertCondition(value: unknown): AlertCondition | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<AlertCondition>;
  if (!v.kind || !ALERT_KINDS.includes(v.kind)) return null;
  return {
    kind: v.kind, column: v.column ?? null, comparison: v.comparison ?? null, threshold: v.threshold ?? null,
    changePercent: v.changePercent ?? null, notifyOnce: v.notifyOnce ?? false,
  };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6))));

/**
 * Judges one run. `previous`: the latest earlier evaluated run of the schedule (its result), or
 * null. Armed unless notifyOnce and the previous evaluation met the condition.
 */
export function evaluateCondition(condition: AlertCondition, rowCount: number, measure: AlertMeasure | null, previous: ConditionResult | null, now: Date): ConditionResult {
  const armed = !condition.notifyOnce || !previous || !previous.met;
  let met = false;
  let observed: number | null = null;
  let previousValue: number | null = null;
  let change: number | null = null;
  let what: string;
  const col = condition.column ?? '';
  switch (condition.kind) {
    case 'NO_ROWS':
      observed = rowCount;
      met = rowCount === 0;
      what = `${rowCount} rows (condition: no rows)`;
      break;
    case 'SOME_ROWS':
      observed = rowCount;
      met = rowCount > 0;
      what = `${rowCount} rows (condition: some rows)`;
      break;
    case 'FIRST_ROW':
    case 'ANY_ROW': {
      const above = condition.comparison === 'ABOVE';
      observed = condition.kind === 'FIRST_ROW' ? measure?.first ?? null : above ? measure?.max ?? null : measure?.min ?? null;
      met = observed !== null && (above ? observed > condition.threshold! : observed < condition.threshold!);
      const where = condition.kind === 'FIRST_ROW' ? `${col} of the first row` : `${col} of any row (${above ? 'max' : 'min'})`;
      what = observed === null
        ? `${where}: no value (${rowCount} rows)`
        : `${where} = ${fmt(observed)}, ${above ? 'above' : 'below'} ${fmt(condition.threshold!)}?`;
      break;
    }
    case 'CHANGE': {
      observed = measure?.first ?? null;
      previousValue = previous?.observed ?? null;
      if (previous && previous.kind !== 'CHANGE') previousValue = null;
      if (observed !== null && previousValue !== null) {
        change = previousValue === 0 ? (observed === 0 ? 0 : null) : ((observed - previousValue) / Math.abs(previousValue)) * 100;
        const delta = observed - previousValue;
        const beyond = change === null ? delta !== 0 : Math.abs(change) > condition.changePercent!;
        met = beyond && (condition.comparison === 'ABOVE' ? delta > 0 : condition.comparison === 'BELOW' ? delta < 0 : true);
      }
      const direction = condition.comparison === 'ABOVE' ? 'a rise' : condition.comparison === 'BELOW' ? 'a fall' : 'a change';
      what = observed === null
        ? `${col} of the first row: no value (${rowCount} rows)`
        : previousValue === null
          ? `${col} = ${fmt(observed)}; no previous run's value to compare with`
          : `${col} = ${fmt(observed)} against ${fmt(previousValue)} before: ${change === null ? 'from zero' : `${change >= 0 ? '+' : ''}${fmt(change)} %`} (condition: ${direction} of more than ${fmt(condition.changePercent!)} %)`;
      break;
    }
  }
  const outcome = !met ? 'not met' : armed ? 'met' : 'still met, already notified (notifyOnce: re-arms when it clears)';
  return {
    kind: condition.kind, met, armed, notified: met && armed, rowCount, column: condition.column, comparison: condition.comparison,
    observed, threshold: condition.threshold, previous: previousValue, changePercent: change,
    summary: `${what}: ${outcome}`, evaluatedAt: now.toISOString(),
  };
}

/**
 * The email message of a run an alert sent: why it was sent (the verdict's summary) above the
 * schedule's own message, if any. A run without a met condition keeps its message as it is.
 */
export function alertMessage(result: ConditionResult | null | undefined, message: string | null): string | null {
  const note = alertVerdict(result);
  if (!note) return message;
  return message?.trim() ? `${note}\n\n${message}` : note;
}

/** The line every destination shows for a run an alert sent (`Alert: <summary>.`); null: not an alert's run. */
export function alertVerdict(result: ConditionResult | null | undefined): string | null {
  return result?.notified ? `Alert: ${result.summary}.` : null;
}
