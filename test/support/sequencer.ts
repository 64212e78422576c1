/**
 * Orders test files longest first, so that on two workers the run does not end with one long file
 * running alone while the other worker idles (a group or multi-process file takes minutes, most
 * files seconds). Vitest's own order does that only from the durations cached in node_modules by
 * an earlier run on the same machine; a clean clone (CI) has none and falls back to file size,
 * which says little about time (a group file is a few lines). So files without a cached duration
 * take theirs from test/durations.json, seconds per file measured in one run
 * (test/support/update-durations.mjs rewrites it). Failed files still go first, as vitest does; a
 * file in neither (a new one) counts as a typical file that starts the app, and ties go by size.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const TABLE = new URL('../durations.json', import.meta.url);
const UNKNOWN_SECONDS = 20;

function knownDurations(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(TABLE, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const table = knownDurations();
    const root = this.ctx.config.root;
    const info = (spec: TestSpecification) => {
      const path = relative(root, spec.moduleId).split('\\').join('/');
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`);
      const seconds = cached ? cached.duration / 1000 : table[path] ?? UNKNOWN_SECONDS;
      return { failed: cached?.failed ?? false, seconds, size: this.ctx.cache.getFileStats(`${spec.project.name}:${path}`)?.size ?? 0 };
    };
    const keyed = files.map((spec) => ({ spec, ...info(spec) }));
    keyed.sort((a, b) => {
      if (a.failed !== b.failed) return a.failed ? -1 : 1;
      return b.seconds - a.seconds || b.size - a.size;
    });
    return keyed.map((k) => k.spec);
  }
}
