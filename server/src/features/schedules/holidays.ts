/**
 * Public-holiday calendars for business-days schedules: a run whose local date (in the schedule's
 * zone) is a public holiday of the named country (and region) is SKIPPED like a weekend, with the
 * holiday's name as the reason. The calendars are date-holidays' (observed days included, e.g.
 * "Independence Day (substitute day)"); only holidays of type `public` count, not observances.
 * Pure: no I/O beyond date-holidays' bundled data, cached per calendar and year.
 */
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import { isBusinessDay, localWallTime, ScheduleInputError } from './planner.js';

export interface HolidayCalendar {
  /** ISO 3166-1 alpha-2, upper case (US, GB, DE). */
  country: string;
  /** A subdivision date-holidays knows for the country (CA, BY), upper case; null: national holidays. */
  region: string | null;
}

export interface BusinessDayRule {
  businessDaysOnly: boolean;
  holidayCountry?: string | null;
  holidayRegion?: string | null;
}

// date-holidays takes ~120 ms to load its data: every process would pay it at start, though only
// schedules that name a holiday country use it. Loaded on first use instead (synchronously, so the
// planner's callers stay synchronous).
const requireHere = createRequire(import.meta.url);
let holidaysClass: typeof HolidaysClass | undefined;
let holidayCatalog: HolidaysClass | undefined;
const Holidays = (): typeof HolidaysClass => (holidaysClass ??= requireHere('date-holidays') as typeof HolidaysClass);
const catalog = (): HolidaysClass => (holidayCatalog ??= new (Holidays())());

/**
 * The calendar named by a schedule's input, normalized, or null without a country. Throws
 * ScheduleInputError at holidayCountry / holidayRegion for a code date-holidays does not know.
 */
export function validateHolidayCalendar(country: string | null | undefined, region: string | null | undefined): HolidayCalendar | null {
  const c = country?.trim().toUpperCase() || null;
  const r = region?.trim().toUpperCase() || null;
  if (!c) {
    if (r) throw new ScheduleInputError('holidayRegion', 'holidayRegion needs a holidayCountry');
    return null;
  }
  const countries = catalog().getCountries('en') as Record<string, string>;
  if (!/^[A-Z]{2}$/.test(c) || !countries[c]) {
    throw new ScheduleInputError('holidayCountry', `unknown holiday country "${country}": use an ISO 3166 code such as US, GB or DE`);
  }
  if (r) {
    const regions = (catalog().getStates(c, 'en') ?? {}) as Record<string, string>;
    if (!/^[A-Z0-9]{1,3}$/.test(r) || !regions[r]) {
      const known = Object.keys(regions);
      throw new ScheduleInputError('holidayRegion', `unknown region "${region}" of ${c}${known.length ? ` (known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})` : ': it has none'}`);
    }
  }
  return { country: c, region: r };
}

const cache = new Map<string, Map<string, string>>();

/** Local date (YYYY-MM-DD) → holiday name, for one calendar and year. */
function holidaysOf(calendar: HolidayCalendar, year: number): Map<string, string> {
  const key = `${calendar.country}-${calendar.region ?? ''}-${year}`;
  let days = cache.get(key);
  if (!days) {
    const hd = calendar.region
      ? new (Holidays())(calendar.country, calendar.region, { languages: ['en'], types: ['public'] })
      : new (Holidays())(calendar.country, { languages: ['en'], types: ['public'] });
    days = new Map();
    for (const h of hd.getHolidays(year, 'en')) {
      if (h.type !== 'public') continue;
      const date = h.date.slice(0, 10);
      if (!days.has(date)) days.set(date, h.name);
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, days);
  }
  return days;
}

/** The public holiday `at` falls on in `timeZone`'s local calendar, by name, or null. */
export function publicHolidayOn(at: Date, timeZone: string, calendar: HolidayCalendar): string | null {
  const date = localWallTime(at, timeZone).slice(0, 10);
  return holidaysOf(calendar, Number(date.slice(0, 4))).get(date) ?? null;
}

/**
 * Why a business-days schedule skips the slot `at`: 'Weekend', or the holiday's name with its
 * calendar ('Thanksgiving Day (US)', 'Epiphany (DE-BY)'); null when it runs (or the rule is off).
 */
export function skipReason(at: Date, timeZone: string, rule: BusinessDayRule): string | null {
  if (!rule.businessDaysOnly) return null;
  if (!isBusinessDay(at, timeZone)) return 'Weekend';
  if (!rule.holidayCountry) return null;
  const calendar = { country: rule.holidayCountry, region: rule.holidayRegion ?? null };
  const name = publicHolidayOn(at, timeZone, calendar);
  return name ? `${name} (${calendar.country}${calendar.region ? `-${calendar.region}` : ''})` : null;
}
