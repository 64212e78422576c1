/**
 * Checking a schedule's per-recipient parameter values before anything is saved: each entry names
 * one of the schedule's recipients (once), and its values merged over the schedule's must bind to
 * the report as that recipient's runs will (recipient-variants.ts). Problems carry field paths
 * `input.recipientParameters.<i>.recipient` and `input.recipientParameters.<i>.parameterValues.<name>`.
 */
import type { FieldError } from '../../errors.js';
import { parameterValueProblems } from '../reports/parameters/bind.js';
import type { RecipientParameters } from './recipient-variants.js';

/** The entries normalised (addresses lower-cased); what is wrong is pushed to `problems`. */
export function recipientParameterProblems(
  list: readonly RecipientParameters[], recipients: readonly string[], scheduleValues: Record<string, unknown> | null,
  definition: unknown, maxRangeDays: number, problems: FieldError[], given: boolean,
): RecipientParameters[] {
  const at = (i: number) => `input.recipientParameters.${i}`;
  const seen = new Set<string>();
  const out: RecipientParameters[] = [];
  list.forEach((entry, i) => {
    const recipient = String(entry?.recipient ?? '').trim().toLowerCase();
    const values = entry?.parameterValues;
    if (!recipients.includes(recipient)) {
      // Revalidating stored entries (the report or the schedule's values changed): a recipient
      // removed since is simply dropped, as it is when the list changes.
      if (given) problems.push({ path: `${at(i)}.recipient`, message: `"${entry?.recipient}" is not one of the schedule's recipients` });
      return;
    }
    if (seen.has(recipient)) return void problems.push({ path: `${at(i)}.recipient`, message: `"${recipient}" has values already (entry ${out.findIndex((o) => o.recipient === recipient)})` });
    seen.add(recipient);
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return void problems.push({ path: `${at(i)}.parameterValues`, message: 'must be an object of parameter values by name' });
    problems.push(...parameterValueProblems(definition, { ...(scheduleValues ?? {}), ...values }, `${at(i)}.parameterValues`, maxRangeDays));
    out.push({ recipient, parameterValues: values });
  });
  return out;
}
