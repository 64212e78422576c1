/**
 * One schedule, each recipient their own data (pure). A schedule's recipients may carry their own
 * parameter values; a slot then runs once per distinct *resolved* set of values (the report's
 * defaults, then the schedule's values, then the recipient's, then a run's own from run-now or
 * backfill), and each run is delivered only to the recipients with that set.
 *
 * Choices this module makes:
 * - The schedule-level run (variant key '') is the one with the schedule's own values. It serves
 *   the recipients without values of their own (or whose values resolve to the same set) and is
 *   the only run S3, Slack and webhook destinations get: those are one shared place, not a person,
 *   so they receive the schedule's view. When it would serve nobody it is not made.
 * - Any other run's key is a hash of its canonical resolved values (keys sorted, lists sorted when
 *   the parameter takes several values), so the same set always gets the same key: with the
 *   (schedule, slot, variant) unique key a re-tick or a second ticker makes nothing new.
 * - Values that no longer fit the report (it changed since the schedule was saved) still make
 *   their own execution, FAILED with the reason, keyed by the values as supplied.
 * - A schedule without per-recipient values has one run, recipients NULL (the schedule's list at
 *   delivery time), as before.
 */
import { createHash } from 'node:crypto';
import type { Bound } from '../reports/parameters/bind.js';

export interface RecipientParameters {
  recipient: string;
  parameterValues: Record<string, unknown>;
}

export interface RunVariant {
  /** '' for the schedule-level run; else a hash of the resolved values. */
  key: string;
  /** The values as supplied for this run (schedule ⊕ recipient ⊕ run), before defaults. */
  supplied: Record<string, unknown> | null;
  /** The values bound to the report (resolved over its defaults), or why they do not fit. */
  bound: Bound;
  /** The email recipients this run serves; null: all of the schedule's (no per-recipient values). */
  recipients: string[] | null;
  /** True for the schedule-level run: it also goes to S3, Slack and webhooks. */
  scheduleLevel: boolean;
}

export interface VariantInput {
  parameterValues: Record<string, unknown> | null;
  recipients: string[];
  recipientParameters: RecipientParameters[] | null | undefined;
  /** Has S3, Slack or webhook destinations (they take the schedule-level run). */
  otherDestinations: boolean;
}

/** A JSON text of `value` with object keys sorted and every list sorted: the same set, the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).sort().join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The variant key of a set of values: 32 hex characters of their canonical JSON's SHA-256. */
export function variantKey(values: unknown): string {
  return createHash('sha256').update(canonicalJson(values)).digest('hex').slice(0, 32);
}

const merge = (...sets: (Record<string, unknown> | null | undefined)[]): Record<string, unknown> | null =>
  sets.some((s) => s) ? Object.assign({}, ...sets.map((s) => s ?? {})) : null;

const resolvedText = (bound: Bound): string | null => (bound.ok ? canonicalJson(bound.definition.parameterValues ?? null) : null);

/**
 * The runs one slot (or one run-now / backfill slot) makes, the schedule-level run first. `bind`
 * resolves supplied values against the report (bindParameterValues over its definition).
 */
export function runVariants(schedule: VariantInput, runValues: Record<string, unknown> | null, bind: (supplied: Record<string, unknown> | null) => Bound): RunVariant[] {
  const mainSupplied = merge(schedule.parameterValues, runValues);
  const mainBound = bind(mainSupplied);
  const own = new Map((schedule.recipientParameters ?? []).map((r) => [r.recipient.toLowerCase(), r.parameterValues]));
  if (own.size === 0) return [{ key: '', supplied: mainSupplied, bound: mainBound, recipients: null, scheduleLevel: true }];

  const mainText = resolvedText(mainBound);
  const main: RunVariant = { key: '', supplied: mainSupplied, bound: mainBound, recipients: [], scheduleLevel: true };
  const others = new Map<string, RunVariant>();
  for (const recipient of schedule.recipients) {
    const values = own.get(recipient.toLowerCase());
    if (!values) {
      main.recipients!.push(recipient);
      continue;
    }
    const supplied = merge(schedule.parameterValues, values, runValues);
    const bound = bind(supplied);
    const text = resolvedText(bound);
    if (text !== null && text === mainText) {
      main.recipients!.push(recipient);
      continue;
    }
    const key = text !== null ? variantKey(JSON.parse(text)) : `invalid:${variantKey(supplied)}`.slice(0, 40);
    let variant = others.get(key);
    if (!variant) others.set(key, (variant = { key, supplied, bound, recipients: [], scheduleLevel: false }));
    variant.recipients!.push(recipient);
  }
  const runs = [...others.values()];
  return main.recipients!.length > 0 || schedule.otherDestinations ? [main, ...runs] : runs;
}
