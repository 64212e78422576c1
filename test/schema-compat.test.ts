/**
 * The breaking-change check (test/schema-compat.ts): the schema the code produces now against the
 * last release's (test/schema-compat.baseline.graphql); every BREAKING change must be listed
 * under a "Breaking" heading of CHANGELOG.md. And the checker itself: it fails on a removed field
 * and passes on a deprecated one.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../server/src/config.js';
import { printedSchema } from '../server/src/schema.js';
import { acknowledgedBreaks, breakingChanges, unacknowledgedBreakingChanges } from './schema-compat.js';

const BASE = `
"""Reads."""
type Query {
  """An export."""
  export(id: ID!): Export!
}
"""A file made from a report."""
type Export {
  id: ID!
  """Why it failed."""
  error: String
  """Rows in the file."""
  rowCount: Float
}
`;
const REMOVED = BASE.replace('  """Why it failed."""\n  error: String\n', '');
const DEPRECATED = BASE.replace('error: String', 'error: String @deprecated(reason: "Use `failure`.")\n  """Why it failed, with a code."""\n  failure: String');
const RETYPED = BASE.replace('rowCount: Float', 'rowCount: Int');

describe('the breaking-change checker', () => {
  it('finds a removed field and fails on it unless CHANGELOG lists its path under a Breaking heading', async () => {
    expect(await breakingChanges(BASE, REMOVED)).toEqual([expect.objectContaining({ path: 'Export.error', type: 'FIELD_REMOVED' })]);
    expect(await unacknowledgedBreakingChanges(BASE, REMOVED, '# Changelog\n')).toHaveLength(1);
    // Mentioned, but not as a breaking change: still fails.
    expect(await unacknowledgedBreakingChanges(BASE, REMOVED, '## 1.1.0\n### Added\n- `Export.error` is clearer\n')).toHaveLength(1);
    expect(await unacknowledgedBreakingChanges(BASE, REMOVED, '## 2.0.0\n### Breaking\n- `Export.error` removed: use `Export.failure`.\n')).toEqual([]);
  });

  it('passes a deprecated field (kept, still working) and an added one', async () => {
    expect(await breakingChanges(BASE, DEPRECATED)).toEqual([]);
    expect(await unacknowledgedBreakingChanges(BASE, DEPRECATED, '')).toEqual([]);
  });

  it('finds a changed field type too', async () => {
    expect(await breakingChanges(BASE, RETYPED)).toEqual([expect.objectContaining({ path: 'Export.rowCount', type: 'FIELD_TYPE_CHANGED' })]);
  });

  it('reads acknowledgements only from sections whose heading says Breaking', () => {
    const listed = acknowledgedBreaks('# Changelog\n## 2.0.0\n### Breaking changes\n- `A.b` and `C.d(e)` gone\n### Added\n- `X.y`\n## 1.0.0\n#### BREAKING\n- `Old.one`\n');
    expect([...listed].sort()).toEqual(['A.b', 'C.d(e)', 'Old.one']);
  });
});

describe('schema.graphql against the last release', () => {
  it('has no breaking change that CHANGELOG.md does not list under a Breaking heading', async () => {
    const baseline = readFileSync(join(REPO_ROOT, 'test/schema-compat.baseline.graphql'), 'utf8');
    const changelog = readFileSync(join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
    const unlisted = await unacknowledgedBreakingChanges(baseline, await printedSchema(), changelog);
    expect(unlisted.map((c) => `${c.path}: ${c.message}`)).toEqual([]);
  });
});
