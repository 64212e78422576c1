/** The dashboard's time-range choices: each report's own, or one period for every tile. */
import type { DashboardTimeRangeInput } from '../../generated/graphql';

export interface RangeChoice { key: string; label: string; range: DashboardTimeRangeInput | null }

export const RANGE_CHOICES: RangeChoice[] = [
  { key: 'own', label: "Each report's own", range: null },
  { key: 'yesterday', label: 'Yesterday', range: { period: 'YESTERDAY' } },
  { key: 'last7', label: 'Last 7 days', range: { last: { n: 7, unit: 'DAY' } } },
  { key: 'last14', label: 'Last 14 days', range: { last: { n: 14, unit: 'DAY' } } },
  { key: 'last30', label: 'Last 30 days', range: { last: { n: 30, unit: 'DAY' } } },
  { key: 'prevweek', label: 'Previous week', range: { period: 'PREVIOUS_WEEK' } },
  { key: 'thismonth', label: 'This month so far', range: { period: 'MONTH_TO_DATE' } },
  { key: 'prevmonth', label: 'Previous month', range: { period: 'PREVIOUS_MONTH' } },
];

interface StoredRange { period?: string | null; from?: string | null; to?: string | null; last?: { n: number; unit: string; includeCurrent?: boolean | null } | null; rolling?: { n: number; unit: string } | null }

/** The choice a stored range is ('custom' when it is none of them). */
export function choiceOf(range: StoredRange | null | undefined): string {
  if (!range) return 'own';
  const found = RANGE_CHOICES.find((c) => c.range && (c.range.period ?? null) === (range.period ?? null)
    && (c.range.last?.n ?? null) === (range.last?.n ?? null) && (c.range.last?.unit ?? null) === (range.last?.unit ?? null)
    && !range.from && !range.rolling && !range.last?.includeCurrent);
  return found?.key ?? 'custom';
}
