/**
 * File-name templates of scheduled exports: `{report} {period_start:yyyy-MM-dd}` →
 * `Usage summary 2026-11-29`. Safe by construction: a template is checked when a schedule is saved
 * (unknown token, bad date pattern, path separator → a problem naming it), every value is
 * rendered into one name segment, and the whole result goes through file-name.ts's cleaning (no
 * path separators, control or bidi characters, leading dots; length bounded). The extension is
 * never the template's: the caller appends the format's (and the packaging's) own.
 *
 * Tokens
 * - `{report}`, `{schedule}`: the report's and the schedule's names, as they are (any script).
 * - `{period_start:PATTERN}`, `{period_end:PATTERN}`: the run's time window (period_end is its
 *   exclusive end: a whole-day window shows the day after its last day); empty when the report
 *   has no time range. PATTERN defaults to `yyyy-MM-dd`.
 * - `{run_at:PATTERN}`: the slot the run is for. PATTERN defaults to `yyyy-MM-dd_HH'h'mm`.
 * - `{param:NAME}`: the value(s) the report filters the field NAME on (`region IN (EU, US)` →
 *   `EU+US`); empty when it has no such filter.
 * Dates are wall times in the run's time zone, written by date-fns's `format` (Unicode patterns:
 * `yyyy` `MM` `dd` `HH` `mm` `ss`, `MMM` for a month name, …); text in single quotes is literal
 * (`'h'`, `''` for a quote); a letter that is not a pattern letter is refused by date-fns's parser.
 *
 * Pure: no I/O.
 */
import { format } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { cleanName } from './file-name.js';

export const MAX_TEMPLATE_LENGTH = 300;
/** Code points of a rendered name before its extension. */
const MAX_RENDERED_LENGTH = 150;
const DEFAULT_PATTERNS = { period_start: 'yyyy-MM-dd', period_end: 'yyyy-MM-dd', run_at: "yyyy-MM-dd_HH'h'mm" } as const;
const DATE_TOKENS = new Set(['period_start', 'period_end', 'run_at']);
const TOKEN_NAMES = ['report', 'schedule', 'period_start', 'period_end', 'run_at', 'param'];
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
// Characters Windows refuses in a file name; cleanName handles / \ and controls.
const RESERVED = /[<>:"|?*]/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'report' | 'schedule' }
  | { kind: 'date'; name: 'period_start' | 'period_end' | 'run_at'; pattern: string }
  | { kind: 'param'; name: string };

/** A template that cannot be used, with the token (as written) it is about. */
export class FileNameTemplateError extends Error {
  constructor(readonly token: string, message: string) {
    super(message);
    this.name = 'FileNameTemplateError';
  }
}

export interface FileNameTemplateValues {
  reportName: string;
  scheduleName: string;
  /** The run's window; null when the report has no time range. */
  period: { from: Date; to: Date } | null;
  /** The slot the run is for. */
  runAt: Date;
  /** The run's IANA zone: every date is its wall time there. */
  timeZone: string;
  /** Filter values by field (what `{param:NAME}` reads). */
  params: Record<string, string[]>;
}

/**
 * Pattern letters a file name may use. date-fns accepts more, but some are traps in a file name:
 * `HHh` reads as "hour, then 12-hour hour" (`208` at 20:08), `YYYY` is the week-numbering year.
 */
const ALLOWED_LETTER_RUNS = new Set(['yyyy', 'yy', 'MM', 'MMM', 'MMMM', 'd', 'dd', 'HH', 'mm', 'ss', 'EEE', 'EEEE', 'Q']);

/** Checks a date pattern (date-fns's parser, and the letters above); throws FileNameTemplateError naming `token`. */
function checkPattern(pattern: string, token: string): string {
  const unquoted = pattern.replace(/''/g, '').split("'");
  if (unquoted.length % 2 === 0) throw new FileNameTemplateError(token, `${token}: unclosed quote in the date pattern`);
  for (const run of unquoted.filter((_, i) => i % 2 === 0).join(' ').match(/([A-Za-z])\1*/g) ?? []) {
    if (!ALLOWED_LETTER_RUNS.has(run)) {
      throw new FileNameTemplateError(token, `${token}: unknown date pattern letters "${run}"; use yyyy yy MM MMM dd HH mm ss EEE Q, and quote other text ('h')`);
    }
  }
  try {
    format(new TZDate(0, 'UTC'), pattern);
  } catch (error) {
    const reason = error instanceof RangeError ? error.message : String(error);
    throw new FileNameTemplateError(token, `${token}: not a date pattern (${reason}); e.g. yyyy-MM-dd, and quote other text ('h')`);
  }
  return pattern;
}

/** Parses a template; throws FileNameTemplateError naming the first token (or text) at fault. */
export function parseFileNameTemplate(template: string): Part[] {
  if (template.length > MAX_TEMPLATE_LENGTH) throw new FileNameTemplateError(template.slice(0, 20), `at most ${MAX_TEMPLATE_LENGTH} characters`);
  if (!template.trim()) throw new FileNameTemplateError('', 'is empty');
  const parts: Part[] = [];
  let i = 0;
  const literal = (text: string) => {
    if (/[/\\]/.test(text)) throw new FileNameTemplateError(text, `"${text}": no path separators (/ or \\) in a file name`);
    if (CONTROL.test(text)) throw new FileNameTemplateError(text, 'no control characters in a file name');
    if (text.includes('}')) throw new FileNameTemplateError('}', 'a "}" without its "{"');
    if (text) parts.push({ kind: 'text', text });
  };
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      literal(template.slice(i));
      break;
    }
    literal(template.slice(i, open));
    const close = template.indexOf('}', open);
    const nextOpen = template.indexOf('{', open + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      const fragment = template.slice(open, nextOpen >= 0 && (close < 0 || nextOpen < close) ? nextOpen : template.length);
      throw new FileNameTemplateError(fragment, `"${fragment}": unclosed "{"`);
    }
    const token = template.slice(open, close + 1);
    const body = token.slice(1, -1);
    const colon = body.indexOf(':');
    const name = colon < 0 ? body : body.slice(0, colon);
    const arg = colon < 0 ? null : body.slice(colon + 1);
    if (name === 'report' || name === 'schedule') {
      if (arg !== null) throw new FileNameTemplateError(token, `${token}: {${name}} takes no argument`);
      parts.push({ kind: name });
    } else if (DATE_TOKENS.has(name)) {
      const date = name as 'period_start' | 'period_end' | 'run_at';
      const pattern = arg ?? DEFAULT_PATTERNS[date];
      if (!pattern) throw new FileNameTemplateError(token, `${token}: empty date pattern`);
      parts.push({ kind: 'date', name: date, pattern: checkPattern(pattern, token) });
    } else if (name === 'param') {
      if (!arg || !PARAM_NAME.test(arg)) throw new FileNameTemplateError(token, `${token}: give a field name, e.g. {param:country}`);
      parts.push({ kind: 'param', name: arg });
    } else {
      throw new FileNameTemplateError(token, `unknown token ${token}; use ${TOKEN_NAMES.map((t) => `{${t}}`).join(' ')}`);
    }
    i = close + 1;
  }
  return parts;
}

/** The field names a template's `{param:NAME}` tokens read (for checking them against a report). */
export function templateParams(template: string): string[] {
  return [...new Set(parseFileNameTemplate(template).flatMap((p) => (p.kind === 'param' ? [p.name] : [])))];
}

/** The wall time of `at` in `timeZone`, written with a date-fns pattern. */
function formatDate(at: Date, timeZone: string, pattern: string): string {
  return format(new TZDate(at.getTime(), timeZone), pattern);
}

/**
 * The file name (without extension) a template gives for a run, cleaned; '' when nothing usable
 * is left (the caller then uses the default name). Throws FileNameTemplateError for a template
 * that does not parse (checked at save time, so only a template saved before a rule changed).
 */
export function renderFileNameTemplate(template: string, values: FileNameTemplateValues): string {
  const segment = (text: string) => text.replace(/[/\\]/g, '_');
  const rendered = parseFileNameTemplate(template).map((part) => {
    switch (part.kind) {
      case 'text': return part.text;
      case 'report': return segment(values.reportName);
      case 'schedule': return segment(values.scheduleName);
      case 'param': return segment((values.params[part.name] ?? []).join('+'));
      case 'date': {
        const at = part.name === 'run_at' ? values.runAt : part.name === 'period_start' ? values.period?.from : values.period?.to;
        return at ? formatDate(at, values.timeZone, part.pattern) : '';
      }
    }
  }).join('');
  const cleaned = cleanName(rendered.replace(RESERVED, '_').replace(/\s+/g, ' '));
  // Cut by code points; no dot may be left at the end (Windows drops it, and the extension follows).
  return Array.from(cleaned).slice(0, MAX_RENDERED_LENGTH).join('').replace(/[.\s]+$/, '');
}
