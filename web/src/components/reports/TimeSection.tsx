/**
 * The builder's "Time" section: the zone the report reads time in, the locale it is read in, the time range (named periods,
 * whole days, rolling time, custom, between dates) and the first day of the week when weeks matter.
 */
import type { TimeUnit, WeekStart } from '../../generated/graphql';
import { TimeZoneInput } from '../schedules/TimeZoneInput';
import { LocaleInput } from './LocaleInput';
import { browserZone } from '../schedules/util';
import { FieldError } from './FieldError';
import {
  RANGE_CHOICES, UNITS, UNIT_WORDS, applyChoice, choiceOf, describeRange, rangeProblem, toggleTimes, usesWeeks, type DraftRange,
} from './time-range';

interface Props {
  range: DraftRange;
  timeZone: string;
  /** BCP 47 locale ('' = en-US). */
  locale: string;
  weekStart: WeekStart;
  /** Grains of the report's dimensions (weeks matter for WEEK). */
  grains: (string | null | undefined)[];
  /** Label of the time column the range applies to. */
  timeColumn: string | null;
  errors: Record<string, string[]>;
  onRange(next: DraftRange): void;
  onTimeZone(zone: string): void;
  onLocale(locale: string): void;
  onWeekStart(w: WeekStart): void;
}

const GROUPS = [...new Set(RANGE_CHOICES.map((c) => c.group))];

export function TimeSection({ range, timeZone, locale, weekStart, grains, timeColumn, errors, onRange, onTimeZone, onLocale, onWeekStart }: Props) {
  const mine = browserZone();
  const zone = timeZone.trim() || 'UTC';
  const choice = choiceOf(range);
  const problem = rangeProblem(range);
  const [one] = UNIT_WORDS[range.unit];
  const zoneError = errors.timeZone?.join('; ');
  return (
    <section aria-labelledby="time-h" data-testid="time-section">
      <h3 id="time-h">Time</h3>
      <TimeZoneInput label="Time zone" value={timeZone} onChange={onTimeZone} error={zoneError}
        note={<>Days, weeks and months, the time range and every date and time of this report are read in this zone.
          {timeZone !== mine && <> <button type="button" className="link" onClick={() => onTimeZone(mine)}>Use {mine} (this browser)</button></>}</>} />
      <LocaleInput value={locale} onChange={onLocale} error={errors.locale?.join('; ')}
        note="How numbers, dates and month names read in the preview, PDF, Excel and emails (a schedule or a download may choose another). CSV and JSON stay locale-neutral." />

      <label>
        <span>Time range {timeColumn && <span className="hint">on {timeColumn}</span>}</span>
        <select value={choice} onChange={(e) => onRange(applyChoice(range, e.target.value, zone))} data-testid="time-range">
          {GROUPS.map((g) => (
            <optgroup key={g} label={g}>
              {RANGE_CHOICES.filter((c) => c.group === g).map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
            </optgroup>
          ))}
        </select>
      </label>

      {(choice === 'custom-last' || choice === 'custom-rolling') && (
        <div className="builder-row" data-testid="custom-range">
          <label className="narrow">
            {range.kind === 'rolling' ? 'Rolling: last' : 'Last'}
            <input type="number" min={1} step={1} value={range.n} aria-label="How many" onChange={(e) => onRange({ ...range, n: e.target.value })} />
          </label>
          <label>
            Unit
            <select value={range.unit} onChange={(e) => onRange({ ...range, unit: e.target.value as TimeUnit })}>
              {UNITS.map((u) => <option key={u} value={u}>{UNIT_WORDS[u][1]}</option>)}
            </select>
          </label>
          {range.kind === 'last' && (
            <label className="radio check">
              <input type="checkbox" checked={range.includeCurrent} onChange={(e) => onRange({ ...range, includeCurrent: e.target.checked })} />
              Include the current {one} so far
            </label>
          )}
        </div>
      )}

      {range.kind === 'between' && (
        <div className="builder-row" data-testid="between-dates">
          {range.withTimes ? (
            <>
              <label>From<input type="datetime-local" value={range.from} onChange={(e) => onRange({ ...range, from: e.target.value })} /></label>
              <label>To (not included)<input type="datetime-local" value={range.to} onChange={(e) => onRange({ ...range, to: e.target.value })} /></label>
            </>
          ) : (
            <>
              <label>First day<input type="date" value={range.from} onChange={(e) => onRange({ ...range, from: e.target.value })} /></label>
              <label>Last day (included)<input type="date" value={range.to} min={range.from || undefined} onChange={(e) => onRange({ ...range, to: e.target.value })} /></label>
            </>
          )}
          <span className="zone-tag" data-testid="between-zone">in {zone}</span>
          <label className="radio check">
            <input type="checkbox" checked={range.withTimes} onChange={(e) => onRange(toggleTimes(range, e.target.checked))} />
            Set times of day
          </label>
        </div>
      )}

      {problem ? <span className="field-error" role="alert">{problem}</span> : (
        <span className="hint" data-testid="range-rule">{describeRange(range, weekStart)}{range.kind !== 'all' && <> Read in {zone}.</>}</span>
      )}

      {usesWeeks(range, grains) && (
        <label className="narrow">
          Weeks start on
          <select value={weekStart} onChange={(e) => onWeekStart(e.target.value as WeekStart)}>
            <option value="MONDAY">Monday</option>
            <option value="SUNDAY">Sunday</option>
          </select>
          <FieldError errors={errors} path="weekStart" />
        </label>
      )}
      <FieldError errors={errors} path="timeRange" prefix />
    </section>
  );
}
