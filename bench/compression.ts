/**
 * `pnpm bench`, compression phases: the 1M-row CSV export of the main bench written gzip-compressed
 * and as a ZIP (server/src/features/exports/writers/packaging.ts, what the export runner puts
 * between the writer and storage), each in its own child process interleaved with the plain CSV
 * runs, so the three are measured side by side on the same data and machine load. Printed as ratios
 * to the plain CSV: peak RSS growth (is memory still flat?) and time, plus the compression ratio.
 */
import type { Writable } from 'node:stream';
import { createPackager, packagingOf, type Compression } from '../server/src/features/exports/writers/packaging.js';

/** The bench's phases for each compression (registered in run.ts). */
export const COMPRESSION_PHASES = { csvgz: 'GZIP', csvzip: 'ZIP' } as const satisfies Record<string, Compression>;
export type CompressionPhase = keyof typeof COMPRESSION_PHASES;

/** Peak RSS growth of a compressed CSV may be at most this many times the plain CSV's ("flat"). */
export const GOAL_RSS_RATIO = 1.5;

/** The sink a phase's writer writes to: the packager in front of the counting sink, when compressed. */
export function packagedOutput(sink: Writable, compression: Compression | null): { input: Writable; done: Promise<void> } {
  const packager = createPackager(sink, { packaging: packagingOf('CSV', compression, false), entryName: 'bench.csv' });
  return { input: packager.input, done: packager.done };
}

interface Measured {
  rows: number;
  /** Bytes that reached the sink (compressed, for a compressed phase). */
  bytes: number;
  seconds: number;
  rssGrowth: number;
}

export interface CompressionLine {
  measure: string;
  result: string;
  goal: string;
  status: 'PASS' | 'MISS' | 'info' | 'ERROR';
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

/**
 * Lines for the results table: for GZIP and ZIP, the median time and worst peak RSS growth against
 * the plain CSV's over the same interleaved runs.
 */
export function compressionLines(plain: Measured[], byPhase: Record<CompressionPhase, Measured[]>): CompressionLine[] {
  if (plain.length === 0) return [{ measure: 'Compressed CSV vs plain CSV', result: 'no plain CSV result', goal: '—', status: 'ERROR' }];
  const plainSeconds = median(plain.map((r) => r.seconds));
  const plainRss = Math.max(...plain.map((r) => r.rssGrowth));
  const plainBytes = plain[0]!.bytes;
  const lines: CompressionLine[] = [];
  for (const [phase, compression] of Object.entries(COMPRESSION_PHASES) as [CompressionPhase, Compression][]) {
    const runs = byPhase[phase];
    if (runs.length === 0) {
      lines.push({ measure: `${compression} CSV vs plain CSV`, result: 'no result (see errors)', goal: '—', status: 'ERROR' });
      continue;
    }
    const seconds = median(runs.map((r) => r.seconds));
    const rss = Math.max(...runs.map((r) => r.rssGrowth));
    const rssRatio = rss / Math.max(plainRss, 1);
    lines.push({
      measure: `${compression} CSV ${runs[0]!.rows.toLocaleString('en-US')} rows: peak RSS growth ratio to plain CSV`,
      result: `${rssRatio.toFixed(2)} (${mb(rss)} vs ${mb(plainRss)})`,
      goal: `≤ ${GOAL_RSS_RATIO} (flat)`,
      status: rssRatio <= GOAL_RSS_RATIO ? 'PASS' : 'MISS',
    });
    lines.push({
      measure: `${compression} CSV: time ratio to plain CSV; size`,
      result: `${(seconds / plainSeconds).toFixed(2)} (${seconds.toFixed(2)} s vs ${plainSeconds.toFixed(2)} s); ${mb(runs[0]!.bytes)} vs ${mb(plainBytes)} (${(plainBytes / runs[0]!.bytes).toFixed(1)}× smaller)`,
      goal: '(reference)',
      status: 'info',
    });
  }
  return lines;
}
