/**
 * The audit page's filter form ↔ the API's AuditLogFilter. Pure. The form's From and To are wall
 * times in the browser's zone (stated next to them); the API takes instants.
 */
import type { AuditLogFilter, AuditOutcome } from '../../generated/graphql';

export interface AuditFilterForm {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  /** `YYYY-MM-DDTHH:MM` from a datetime-local input, in the browser's zone; '' for none. */
  from: string;
  to: string;
  outcome: AuditOutcome | '';
}

export const EMPTY_AUDIT_FILTER: AuditFilterForm = { actor: '', action: '', targetType: '', targetId: '', from: '', to: '', outcome: '' };

/** A datetime-local value read as a wall time of the browser's zone, as an ISO instant; null when empty or unreadable. */
export function localInputToInstant(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const t = new Date(value); // no offset: the ECMAScript rule reads it as local time
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

/** The variables for the API: only the fields filled in; the problem when From is not before To. */
export function toApiFilter(form: AuditFilterForm): { filter: AuditLogFilter; problem: string | null } {
  const filter: AuditLogFilter = {};
  for (const key of ['actor', 'action', 'targetType', 'targetId'] as const) {
    const v = form[key].trim();
    if (v) filter[key] = v;
  }
  const from = localInputToInstant(form.from);
  const to = localInputToInstant(form.to);
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (form.outcome) filter.outcome = form.outcome;
  const problem = from && to && Date.parse(from) >= Date.parse(to) ? 'To must be after From' : null;
  return { filter, problem };
}

/** How many filters are set: for "3 filters" and the empty state's words. */
export function activeFilterCount(form: AuditFilterForm): number {
  return Object.values(form).filter((v) => v.trim() !== '').length;
}
