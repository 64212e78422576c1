/**
 * The effective time zone of a run, decided here and nowhere else: the zone its buckets, calendar
 * ranges, fixed dates without an offset and every time it shows are read in. Recorded on the
 * export (`timeZone`) and in a scheduled execution's parameter snapshot, and stated in every file.
 *
 * - An export's `timeZone` option wins (a Tokyo reader downloading a Berlin report).
 * - A scheduled run (and run-now, backfill) uses the schedule's zone: "every Monday 09:00 New York,
 *   last 7 days" means New York's Monday to Sunday.
 * - Otherwise the report's own `timeZone` (UTC when it states none).
 */
export interface RunZoneInput {
  /** The report definition's normalized zone. */
  definitionZone: string;
  scheduleZone?: string | null;
  exportOverride?: string | null;
}

export function runTimeZone({ definitionZone, scheduleZone, exportOverride }: RunZoneInput): string {
  return exportOverride ?? scheduleZone ?? definitionZone;
}
