/**
 * What people read when something is wrong: the API's field paths turned into the labels of the
 * fields they see ("Filter 1 (Platform)"), the validator's terse wording turned into sentences
 * ("choose a value" for "EQ needs a value"), error codes into explanations, and run initiators into
 * words. Pure: the builder and the schedule editor pass in what they know (the draft's rows, the
 * table's column labels, schedule names).
 *
 * Paths arrive in two spellings: validateReport's (`filters.0.value`, relative to the definition)
 * and the mutations' (`input.definition.filters.0.value`, from the GraphQL argument; older servers
 * said `definition.filters.0.value`). All of them name the same field.
 */

export interface LabelContext {
  /** The table's columns: `platform` → "Platform". */
  columns?: readonly { name: string; label: string }[];
  /** The draft's rows at the positions the paths index. */
  dimensions?: readonly { field: string }[];
  measures?: readonly { fn: string; field: string }[];
  filters?: readonly { field: string }[];
}

/** The path relative to the report definition (or to the mutation's input when it is not in it). */
export function normalizePath(path: string): string {
  return path.replace(/^input\./, '').replace(/^definition\./, '').replace(/^definition$/, '');
}

const FN_WORD: Record<string, string> = { COUNT: 'count', SUM: 'sum', AVG: 'average', MIN: 'minimum', MAX: 'maximum', UNIQ: 'unique count' };
const FN_VERB: Record<string, string> = { SUM: 'add up', AVG: 'average', MIN: 'take the minimum of', MAX: 'take the maximum of', UNIQ: 'count the distinct values of', COUNT: 'count' };
const OP_WORD: Record<string, string> = {
  EQ: 'equals', NEQ: 'does not equal', GT: 'greater than', GTE: 'at least', LT: 'less than', LTE: 'at most',
  BETWEEN: 'between', IN: 'is one of', NOT_IN: 'is not one of', CONTAINS: 'contains', IS_NULL: 'is empty', IS_NOT_NULL: 'is not empty',
};
const KIND_WORD: Record<string, string> = { STRING: 'text', NUMBER: 'number', BOOLEAN: 'yes/no', DATETIME: 'date-time', DATE: 'date' };

const TOP_LABEL: Record<string, string> = {
  '': 'Report', source: 'Table', timeRange: 'Time range', rowLimit: 'Row limit', timeZone: 'Time zone', locale: 'Locale',
  weekStart: 'Week start', raw: 'Row listing', dimensions: 'Dimensions', measures: 'Measures', filters: 'Filters', orderBy: 'Sort',
  name: 'Name', description: 'Description', tags: 'Tags', visualization: 'Chart', reportId: 'Report', cron: 'Cron', preset: 'Cadence',
  timezone: 'Time zone', recipients: 'Recipients', delivery: 'Delivery method', format: 'Format', ownerEmail: 'Owner email',
  password: 'File password', compression: 'Compression', fileNameTemplate: 'File name', paperSize: 'Paper', orientation: 'Orientation', s3Config: 'S3', emailConfig: 'Email',
  isPublic: 'Sharing', first: 'Page size', after: 'Page', id: 'Item',
};
const SUB_LABEL: Record<string, string> = {
  field: 'column', fn: 'function', op: 'condition', grain: 'time grain', alias: 'name', key: 'column', direction: 'direction',
  value: 'value', values: 'values', last: 'last', rolling: 'rolling', period: 'period', from: 'start', to: 'end', n: 'count',
  unit: 'unit', includeCurrent: 'include current', bucket: 'bucket', keyTemplate: 'key template', subject: 'subject', message: 'message',
  attachment: 'attachment', type: 'type', series: 'series', stacked: 'stacking', xAxisLabel: 'x-axis label', yAxisLabel: 'y-axis label',
};

const isIndex = (s: string | undefined) => s !== undefined && /^\d+$/.test(s);

function columnLabel(ctx: LabelContext, name: string | undefined): string | null {
  if (!name) return null;
  return ctx.columns?.find((c) => c.name === name)?.label ?? name;
}

/** The row a path's first two segments name: "Filter 1 (Platform)", "Measure 2 (sum of Value)". */
function rowLabel(list: string, i: number, ctx: LabelContext): string | null {
  const n = i + 1;
  switch (list) {
    case 'filters': {
      const col = columnLabel(ctx, ctx.filters?.[i]?.field);
      return col ? `Filter ${n} (${col})` : `Filter ${n}`;
    }
    case 'measures': {
      const m = ctx.measures?.[i];
      if (!m) return `Measure ${n}`;
      const col = columnLabel(ctx, m.field);
      const fn = FN_WORD[m.fn] ?? m.fn.toLowerCase();
      return col ? `Measure ${n} (${fn} of ${col})` : `Measure ${n} (${fn})`;
    }
    case 'dimensions': {
      const col = columnLabel(ctx, ctx.dimensions?.[i]?.field);
      return col ? `Dimension ${n} (${col})` : `Dimension ${n}`;
    }
    case 'orderBy': return `Sort ${n}`;
    case 'recipients': return `Recipient ${n}`;
    default: return null;
  }
}

/**
 * The label of the field a path names, as the form shows it. The value of a filter is the filter
 * itself ("Filter 1 (Platform): choose a value"); other sub-fields are named after the row.
 */
export function fieldLabel(path: string, ctx: LabelContext = {}): string {
  const parts = normalizePath(path).split('.').filter((p) => p !== '');
  if (parts.length === 0) return 'Report';
  const [head, second, ...rest] = parts;
  const row = isIndex(second) ? rowLabel(head!, Number(second), ctx) : null;
  if (row) {
    const sub = rest.filter((p) => !isIndex(p));
    const idx = rest.find(isIndex);
    if (sub.length === 0 || (head === 'filters' && (sub[0] === 'value' || sub[0] === 'values'))) {
      if (head === 'filters' && sub[0] === 'values' && idx !== undefined) return `${row}, value ${Number(idx) + 1}`;
      return row;
    }
    return `${row} ${sub.map((p) => SUB_LABEL[p] ?? p).join(' ')}`;
  }
  const top = TOP_LABEL[head!] ?? head!;
  const tail = [second, ...rest].filter((p): p is string => p !== undefined).map((p) => (isIndex(p) ? String(Number(p) + 1) : SUB_LABEL[p] ?? p));
  return [top, ...tail].join(' ');
}

const quote = (s: string) => `“${s}”`;

/**
 * The validator's and services' messages in the words of the form. Anything not recognised is
 * kept, with the remaining upper-case enum words (SUM, EQ, STRING) spelled out.
 */
export function humanMessage(message: string, ctx: LabelContext = {}): string {
  const m = message.trim();
  let r: RegExpMatchArray | null;
  if ((r = m.match(/^(\w+) needs a value$/))) return r[1] === 'CONTAINS' ? 'type the text to look for' : 'choose a value';
  if (m === 'must not be empty') return 'type a value';
  if (m === 'BETWEEN needs exactly 2 values') return 'give both a from and a to value';
  if ((r = m.match(/^(\w+) needs 1 to (\d+) values$/))) return `choose at least one value (at most ${r[2]})`;
  if ((r = m.match(/^(\w+) needs a field$/))) return `choose a column to ${FN_VERB[r[1]!] ?? 'use'}`;
  if ((r = m.match(/^(\w+) needs a numeric measure column$/))) return `choose a number column to ${FN_VERB[r[1]!] ?? 'use'}`;
  if ((r = m.match(/^(\w+) needs a numeric or date\/time column$/))) return `choose a number or date column to ${FN_VERB[r[1]!] ?? 'use'}`;
  if ((r = m.match(/^(\w+) does not apply to a (\w+) column$/))) return `${quote(OP_WORD[r[1]!] ?? r[1]!)} does not apply to a ${KIND_WORD[r[2]!] ?? r[2]!.toLowerCase()} column`;
  if (m === 'CONTAINS applies to STRING columns only') return `${quote('contains')} works on text columns only`;
  if ((r = m.match(/^(\w+) takes no values?(; use values?)?$/))) return `${quote(OP_WORD[r[1]!] ?? r[1]!)} takes no value`;
  if (/needs last or from\/to|^choose a period: /.test(m)) return 'choose a time range';
  if (/^give one of last, rolling, period or from\/to/.test(m)) return 'choose one kind of time range';
  if ((r = m.match(/^output key '(.*)' is used twice/))) return `${quote(r[1]!)} names two columns of the result; give one of them another name`;
  if ((r = m.match(/^output key '(.*)' is the name of a column/))) return `${quote(r[1]!)} is already the name of a table column; choose another name`;
  if (m === 'must be the output key of a dimension or measure') return 'choose a column of the result';
  if ((r = m.match(/^unknown key '(.*)'$/))) return `${quote(r[1]!)} is not a column of the result any more; choose another`;
  if ((r = m.match(/^'(.*)' is already ordered by$/))) return `already sorted by ${quote(r[1]!)}`;
  if (m === 'must be ASC or DESC') return 'choose ascending or descending';
  if ((r = m.match(/^unknown table '(.*)'$/))) return `there is no table ${quote(r[1]!)}; choose one from the list`;
  if ((r = m.match(/^unknown column ["'](.*?)["']( in \w+)?$/))) return `there is no column ${quote(columnLabel(ctx, r[1]) ?? r[1]!)} in this table`;
  if (m === 'must be a column name') return 'choose a column';
  if ((r = m.match(/^column '(.*)' cannot be used as a (\w+) column$/))) return `${quote(columnLabel(ctx, r[1]) ?? r[1]!)} cannot be used as a ${r[2] === 'measure' ? 'number to compute' : r[2]}`;
  if (m === 'must be an ISO-8601 date or date-time') return 'type a date such as 2026-12-01, or a date and time';
  if (m === 'a report needs at least one dimension or measure') return 'add at least one dimension or measure';
  if (m === 'the first bound must not exceed the second') return 'the first value must not be after the second';
  if ((r = m.match(/^must be an integer from 1 to (\d+)$/))) return `must be a whole number from 1 to ${Number(r[1]).toLocaleString('en-US')}`;
  if (/^must be one of [A-Z_]+(, [A-Z_]+)+$/.test(m)) return 'choose one of the options';
  if (m === 'cron or preset is required') return 'choose a cadence';
  if (m === 'give cron or preset, not both') return 'choose a cadence or a custom cron, not both';
  return spellOutEnums(m);
}

/** Upper-case enum words that slipped into a sentence, in plain words. */
function spellOutEnums(text: string): string {
  return text.replace(/\b(IS_NOT_NULL|IS_NULL|NOT_IN|CONTAINS|BETWEEN|NEQ|GTE|LTE|EQ|GT|LT|IN|COUNT|SUM|AVG|MIN|MAX|UNIQ|STRING|NUMBER|BOOLEAN|DATETIME|DATE|ASC|DESC)\b/g, (w) => {
    if (w in OP_WORD) return quote(OP_WORD[w]!);
    if (w in FN_WORD) return FN_WORD[w]!;
    if (w in KIND_WORD) return KIND_WORD[w]!;
    return w === 'ASC' ? 'ascending' : 'descending';
  });
}

/** "Filter 1 (Platform): choose a value". */
export function problemText(path: string, message: string, ctx: LabelContext = {}): string {
  return `${fieldLabel(path, ctx)}: ${humanMessage(message, ctx)}`;
}

/** What an error code means for the person who met it; never the code itself. */
export function codeText(code: string | null | undefined): string {
  switch (code) {
    case 'UNAUTHENTICATED': return 'Your session has expired. Sign out and sign in again.';
    case 'FORBIDDEN': return 'Your role does not allow this. Ask an editor or an admin.';
    case 'NOT_FOUND': return 'It no longer exists, or it is not shared with you.';
    case 'BAD_USER_INPUT': return 'Some of the input was not accepted.';
    case 'RATE_LIMITED': return 'Too many requests right now. Try again in a moment.';
    case 'QUERY_TOO_COMPLEX': return 'That asks for too much at once. Ask for fewer rows or fields.';
    case 'CONFLICT': return 'Someone else changed this in the meantime. Reload and try again.';
    default: return 'Something went wrong on the server. Try again in a moment.';
  }
}

interface GraphQLErrorLike { message?: string; extensions?: Record<string, unknown> }

/**
 * One readable sentence for a GraphQL error: its field problems when it lists them, else its
 * message unless that is internal (or carries a path or code), else what its code means.
 */
export function graphQLErrorText(error: GraphQLErrorLike, ctx: LabelContext = {}): string {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : null;
  const list = Array.isArray(error.extensions?.errors) ? error.extensions.errors as { path?: unknown; message?: unknown }[] : [];
  const problems = list.filter((p) => typeof p.message === 'string')
    .map((p) => (typeof p.path === 'string' && p.path ? problemText(p.path, p.message as string, ctx) : humanMessage(p.message as string, ctx)));
  if (problems.length) return problems.join('; ');
  const raw = error.message ?? '';
  const internal = !raw || code === 'INTERNAL_SERVER_ERROR' || /^(internal|unexpected)/i.test(raw) || raw.includes('\n    at ')
    || /\b[A-Z]{2,}_[A-Z_]+\b/.test(raw) || /\b(input|definition)\.[\w.]+/.test(raw) || /^(Cannot|Variable|Field|Unknown argument|Syntax Error)\b/.test(raw);
  if (internal || (code === 'NOT_FOUND' && /not found/i.test(raw))) return codeText(code);
  return humanMessage(raw, ctx);
}

/** "Scheduled run of Weekly usage", "Downloaded by ann@acme", "Retry by ann@acme", for an export's origin. */
export function initiatorText(triggeredBy: string, initiatedBy: string, scheduleName?: string | null): string {
  switch (triggeredBy) {
    case 'SCHEDULE': return scheduleName ? `Scheduled run of ${scheduleName}` : 'Scheduled run (schedule deleted)';
    case 'BACKFILL': return scheduleName ? `Backfill of ${scheduleName}` : 'Backfill (schedule deleted)';
    case 'RETRY': return /^schedule:/.test(initiatedBy) ? (scheduleName ? `Retry of a run of ${scheduleName}` : 'Retry of a scheduled run') : `Retry by ${initiatedBy}`;
    case 'API': return `API call by ${initiatedBy}`;
    // A schedule's "Run now" is a manual trigger initiated by the schedule.
    default: return /^schedule:/.test(initiatedBy) ? (scheduleName ? `Run now of ${scheduleName}` : 'Run now of a deleted schedule') : `Downloaded by ${initiatedBy}`;
  }
}
