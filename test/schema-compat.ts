/**
 * The breaking-change check: which changes from a baseline schema to a new one would break a
 * client (graphql-inspector's diff, criticality BREAKING), and which of those CHANGELOG.md does
 * not own up to. A breaking change is acknowledged by naming its path in backticks (e.g.
 * `Export.error`, `Query.reports.first`) in a section of CHANGELOG.md whose heading says
 * "Breaking"; a mention anywhere else does not count.
 *
 * The baseline is test/schema-compat.baseline.graphql, the schema of the last release, committed
 * and replaced deliberately when a version is released (`cp schema.graphql
 * test/schema-compat.baseline.graphql`), rather than `git show HEAD~1:schema.graphql`: CI clones
 * shallowly (no HEAD~1), and a per-commit comparison would let a break through in two steps (a
 * field removed in one commit passes the next commit's comparison). Against a release baseline,
 * every break since the release has to stay listed until the next one.
 */
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

export interface BreakingChange {
  /** The schema coordinate, e.g. `Export.error` or `Query.exports.first`. */
  path: string;
  /** graphql-inspector's change type, e.g. FIELD_REMOVED. */
  type: string;
  message: string;
}

/** Every BREAKING change from `baselineSdl` to `currentSdl`. */
export async function breakingChanges(baselineSdl: string, currentSdl: string): Promise<BreakingChange[]> {
  const changes: Change[] = await diff(buildSchema(baselineSdl), buildSchema(currentSdl));
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => ({ path: change.path ?? change.type, type: change.type, message: change.message }));
}

/** The backticked names listed under the CHANGELOG's headings that say "Breaking". */
export function acknowledgedBreaks(changelog: string): Set<string> {
  const names = new Set<string>();
  let inBreaking = false;
  for (const line of changelog.split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      inBreaking = /breaking/i.test(heading[1]!);
      continue;
    }
    if (!inBreaking) continue;
    for (const [, name] of line.matchAll(/`([^`]+)`/g)) names.add(name!);
  }
  return names;
}

/** The breaking changes CHANGELOG.md does not acknowledge: the check fails when there is any. */
export async function unacknowledgedBreakingChanges(baselineSdl: string, currentSdl: string, changelog: string): Promise<BreakingChange[]> {
  const acknowledged = acknowledgedBreaks(changelog);
  return (await breakingChanges(baselineSdl, currentSdl)).filter((change) => !acknowledged.has(change.path));
}
