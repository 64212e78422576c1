/** Helpers for the schedules pages: cron from presets, time formatting, GraphQL error reading. */
import { graphQLErrorText, humanMessage } from '../../messages';

export type PresetKind = 'HOURLY' | 'DAILY' | 'WEEKDAYS' | 'WEEKLY' | 'MONTHLY' | 'CUSTOM';

export interface PresetState {
  kind: PresetKind;
  hour: number;
  minute: number;
  dayOfWeek: number;
  dayOfMonth: number;
}

/** The cron the server derives from a preset. */
export function presetCron(p: PresetState): string {
  const m = p.minute, h = p.hour;
  switch (p.kind) {
    case 'HOURLY': return `${m} * * * *`;
    case 'DAILY': return `${m} ${h} * * *`;
    case 'WEEKDAYS': return `${m} ${h} * * 1-5`;
    case 'WEEKLY': return `${m} ${h} * * ${p.dayOfWeek}`;
    case 'MONTHLY': return `${m} ${h} ${p.dayOfMonth} * *`;
    default: return '';
  }
}

/** Recognises a cron a preset would produce, so an existing schedule opens on its preset. */
export function parsePreset(cron: string): PresetState | null {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return null;
  const [mi, ho, dom, mon, dow] = f as [string, string, string, string, string];
  const num = (s: string, max: number) => (/^\d+$/.test(s) && Number(s) <= max ? Number(s) : null);
  const minute = num(mi, 59);
  if (minute === null || mon !== '*') return null;
  const base = { hour: 9, minute, dayOfWeek: 1, dayOfMonth: 1 };
  if (ho === '*' && dom === '*' && dow === '*') return { ...base, kind: 'HOURLY' };
  const hour = num(ho, 23);
  if (hour === null) return null;
  if (dom === '*' && dow === '*') return { ...base, hour, kind: 'DAILY' };
  if (dom === '*' && dow === '1-5') return { ...base, hour, kind: 'WEEKDAYS' };
  const d = num(dow, 6);
  if (dom === '*' && d !== null) return { ...base, hour, dayOfWeek: d, kind: 'WEEKLY' };
  const dm = num(dom, 28);
  if (dm !== null && dm >= 1 && dow === '*') return { ...base, hour, dayOfMonth: dm, kind: 'MONTHLY' };
  return null;
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function browserZone(): string {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch { return 'UTC'; }
}

let zones: string[] | null = null;
export function allZones(): string[] {
  if (zones) return zones;
  try {
    const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
    zones = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  } catch { zones = []; }
  if (!zones.includes('UTC')) zones = ['UTC', ...zones];
  return zones;
}

export function isZone(z: string): boolean {
  try { new Intl.DateTimeFormat('en-US', { timeZone: z }); return true; } catch { return false; }
}

/** "Mon, Mar 9, 2026, 09:00 EDT" in the given zone. */
export function formatInZone(iso: string | null | undefined, zone: string, compact = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameYear = d.getUTCFullYear() === new Date().getUTCFullYear();
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', ...(compact && sameYear ? {} : { year: 'numeric' as const }), month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(d);
  } catch {
    return d.toISOString();
  }
}

/** "2026-03-09 13:00 UTC". */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The wall time the server gave ("2026-03-09T09:00:00-04:00") shown readably in its zone. */
export function formatLocalRun(local: string, utc: string, zone: string): string {
  return formatInZone(utc || local, zone);
}

export const EMAIL_RE = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/**
 * Why an address cannot be a recipient, or null. The server decides (delivery/email/address.ts);
 * this says the two common cases as the address is typed. A part before the @ outside ASCII needs
 * SMTPUTF8, which most providers refuse; an international domain (bücher.de) is fine.
 */
/**
 * Attributes of an input that takes an email address. Text, not type="email": Chromium hands an
 * email input's international domain back in punycode (xn--…), so what was typed would not be what
 * is shown and saved. inputMode keeps the phone's email keyboard.
 */
export const EMAIL_INPUT_PROPS = {
  type: 'text', inputMode: 'email', autoComplete: 'email', autoCapitalize: 'none', spellCheck: false,
} as const;

export function emailProblem(address: string): string | null {
  if (!EMAIL_RE.test(address)) return `“${address}” is not an email address.`;
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7F]/.test(address.slice(0, address.lastIndexOf('@')))) return `“${address}” has letters outside ASCII before the @, which most email providers cannot deliver.`;
  return null;
}

interface GqlErrorLike { message: string; extensions?: Record<string, unknown> }

/** GraphQL errors out of an Apollo Client 4 error (CombinedGraphQLErrors or other). */
export function gqlErrors(err: unknown): GqlErrorLike[] {
  if (!err || typeof err !== 'object') return [];
  const e = err as { errors?: unknown; graphQLErrors?: unknown };
  const list = Array.isArray(e.errors) ? e.errors : Array.isArray(e.graphQLErrors) ? e.graphQLErrors : [];
  return list.filter((x): x is GqlErrorLike => !!x && typeof (x as GqlErrorLike).message === 'string');
}

/** Field errors keyed by path (with the leading `input.` stripped), plus messages without a path. */
export function fieldErrors(err: unknown): { byPath: Record<string, string>; general: string[] } {
  const byPath: Record<string, string> = {};
  const general: string[] = [];
  const errs = gqlErrors(err);
  for (const g of errs) {
    const list = g.extensions?.errors;
    if (Array.isArray(list) && list.length) {
      for (const item of list as { path?: unknown; message?: unknown }[]) {
        const path = typeof item.path === 'string' ? item.path.replace(/^input\./, '') : '';
        const msg = typeof item.message === 'string' ? humanMessage(item.message) : graphQLErrorText(g);
        if (path) byPath[path] = byPath[path] ? `${byPath[path]}; ${msg}` : msg;
        else general.push(msg);
      }
    } else {
      const field = typeof g.extensions?.field === 'string' ? g.extensions.field.replace(/^input\./, '') : '';
      if (field) byPath[field] = graphQLErrorText(g);
      else general.push(graphQLErrorText(g));
    }
  }
  if (!errs.length && err) general.push(friendly(err));
  return { byPath, general };
}

export function friendly(err: unknown): string {
  const errs = gqlErrors(err);
  if (errs.length) return [...new Set(errs.map((e) => graphQLErrorText(e)))].join(' ');
  if (err instanceof Error) {
    if (/fetch|network/i.test(err.message)) return 'The server could not be reached. Check your connection and try again.';
    return err.message;
  }
  return 'Something went wrong.';
}

/** Errors for a path or any path beneath it (e.g. `recipients` collects `recipients.0`). */
export function errorFor(byPath: Record<string, string>, path: string): string | undefined {
  const hits = Object.entries(byPath).filter(([k]) => k === path || k.startsWith(`${path}.`)).map(([, v]) => v);
  return hits.length ? hits.join('; ') : undefined;
}
