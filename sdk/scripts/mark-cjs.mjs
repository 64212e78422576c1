// dist/cjs is CommonJS inside a "type": "module" package: this nested package.json tells Node
// (and TypeScript's node16/nodenext resolution) how to read the .js and .d.ts files under it.
import { writeFileSync } from 'node:fs';

writeFileSync(new URL('../dist/cjs/package.json', import.meta.url), `${JSON.stringify({ type: 'commonjs' })}\n`);
