/**
 * Test files that run together in one process ("group files", test/**\/group-*.test.ts).
 *
 * Vitest gives every test file a process of its own (vitest.config.ts: chDB binds one data
 * directory per process). For a file that starts the app, loading the app's modules into that
 * fresh process costs as much as, or more than, its tests: measured side by side on this machine,
 * three browser files took 165 s one process each and 84 s in one (import 88 s → 22 s). A group
 * file imports several test files, each inside a describe named after it, so each keeps its own
 * hooks, app, Chromium and test names, and they run one after the other in one process; only the
 * module loading is shared.
 *
 * The group files are the one list: the files they import are excluded from vitest's own run
 * (vitest.config.ts), so each runs exactly once. Run one member alone with its group and -t:
 * `pnpm vitest run test/browser/group-1.test.ts -t signin.test.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function groupFiles(dir = join(ROOT, 'test')): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...groupFiles(path));
    else if (/^group-[\w-]+\.test\.ts$/.test(entry.name)) found.push(path);
  }
  return found;
}

/** Each group file (relative to the repository) with the test files it imports. */
export function testGroups(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const file of groupFiles()) {
    const members = [...readFileSync(file, 'utf8').matchAll(/import\('(\.\/[\w./-]+\.test)\.js'\)/g)].map((m) =>
      relative(ROOT, join(dirname(file), `${m[1]}.ts`)).split('\\').join('/'),
    );
    groups.set(relative(ROOT, file).split('\\').join('/'), members);
  }
  return groups;
}

/** Values of these options are test names or settings, not file filters. */
const VALUE_OPTIONS = new Set(['-t', '--testNamePattern', '--reporter', '--outputFile', '--project', '-c', '--config', '--root', '-r', '--dir', '--shard', '--exclude', '--maxWorkers', '--sequence.seed']);

/** The file filters on vitest's command line (`vitest run a b`): substrings of test file paths. */
function cliFilters(argv: string[]): string[] {
  const filters: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (VALUE_OPTIONS.has(arg)) { i++; continue; }
    if (arg.startsWith('-') || (i === 0 && /^(run|list|watch|dev|related)$/.test(arg))) continue;
    filters.push((arg.startsWith('/') ? relative(ROOT, arg) : arg.replace(/^\.\//, '')).split('\\').join('/'));
  }
  return filters;
}

/**
 * The test files that run inside a group file, not on their own. A member named on the command
 * line while its group is not (`pnpm vitest run test/schedules.test.ts`) runs on its own, as before;
 * when both are selected (a directory, or .ci/run's list of files), the group runs it, once.
 */
export function groupedTestFiles(argv: string[] = process.argv.slice(2)): string[] {
  const filters = cliFilters(argv);
  const named = (path: string) => filters.some((f) => path.includes(f));
  const excluded: string[] = [];
  for (const [group, members] of testGroups()) {
    for (const member of members) if (!named(member) || named(group)) excluded.push(member);
  }
  return excluded;
}
