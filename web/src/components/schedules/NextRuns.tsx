/**
 * The next five runs of a cron in a zone, fetched live (debounced) as the form changes. For a
 * business-days schedule each slot it will skip says why: a weekend, or the public holiday's name.
 */
import { useEffect, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { UPCOMING_RUNS } from './documents';
import { formatInZone, formatUtc, friendly, isZone } from './util';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => { const t = setTimeout(() => setV(value), ms); return () => clearTimeout(t); }, [value, ms]);
  return v;
}

/** Reports the cron error (BAD_USER_INPUT message) to the parent so it shows beside the cron field. */
export function NextRuns({ cron, timezone, onCronError, businessDaysOnly = false, holidayCountry = '', holidayRegion = '' }: {
  cron: string; timezone: string; onCronError(msg: string | null): void; businessDaysOnly?: boolean; holidayCountry?: string; holidayRegion?: string;
}) {
  // A half-typed country code is not asked about: only two letters.
  const country = businessDaysOnly && /^[A-Za-z]{2}$/.test(holidayCountry.trim()) ? holidayCountry.trim() : null;
  const args = useDebounced({
    cron: cron.trim(), timezone: timezone.trim(), businessDaysOnly,
    holidayCountry: country, holidayRegion: country && holidayRegion.trim() ? holidayRegion.trim() : null,
  }, 300);
  const skip = !args.cron || !args.timezone || !isZone(args.timezone);
  const { data, previousData, error, loading } = useQuery(UPCOMING_RUNS, { variables: args, skip, fetchPolicy: 'cache-first' });
  const message = error ? friendly(error) : null;
  useEffect(() => { onCronError(skip ? null : message); }, [message, skip, onCronError]);
  const runs = (data ?? (loading ? previousData : undefined))?.upcomingRuns ?? [];
  return (
    <div className="next-runs-box" aria-live="polite">
      <h3>Next 5 runs {loading && <span className="hint">updating…</span>}</h3>
      {skip ? (
        <p className="muted small">Enter a cadence and a valid time zone to see the next runs.</p>
      ) : error ? (
        <p className="field-error">No runs: {message}</p>
      ) : (
        <ol data-testid="next-runs" className="next-runs">
          {runs.map((r) => (
            <li key={r.utc} className={r.skipReason ? 'skipped' : undefined}>
              <span className="run-local">{formatInZone(r.utc, args.timezone)}</span>
              <span className="run-utc">{formatUtc(r.utc)}</span>
              {r.skipReason && <span className="run-skip" data-testid="run-skip">Skipped: {r.skipReason}</span>}
            </li>
          ))}
        </ol>
      )}
      {!skip && !error && !loading && runs.length === 0 && <p className="muted small">This cron never fires.</p>}
    </div>
  );
}
