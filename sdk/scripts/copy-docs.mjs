// Runs before `npm pack` / `pnpm pack`: the package carries the guides its README links to and
// the schema they describe (docs/ and schema.graphql at the repository root are the one source;
// the copies here are pack-time outputs, git-ignored). The one link that leaves that set, to the
// repository's examples/, becomes plain text naming where they are.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const pkg = new URL('../', import.meta.url);
mkdirSync(new URL('docs/', pkg), { recursive: true });
for (const name of ['sdk.md', 'codegen.md', 'api.md']) {
  const text = readFileSync(new URL(`docs/${name}`, root), 'utf8').replace(/\[([^\]]+)\]\(\.\.\/examples\/?\)/g, '$1 (in the Reportcast repository)');
  writeFileSync(new URL(`docs/${name}`, pkg), text);
}
copyFileSync(new URL('schema.graphql', root), new URL('schema.graphql', pkg));
