/**
 * GraphQL code generation from the committed schema.graphql: the schema's TypeScript types for the
 * server's tests, typed documents (client preset) for the SPA's `graphql(...)` calls, and typed
 * documents for the SDK's operations (sdk/src/graphql/*.graphql).
 * CI fails when the output differs (`graphql-codegen --check`, in test/schema.test.ts).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const scalars = { DateTime: 'string', JSON: 'unknown', FilterValue: 'string | number | boolean' };

const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: true,
  generates: {
    'server/src/generated/graphql.ts': {
      plugins: ['typescript'],
      config: {
        enumsAsTypes: true,
        scalars,
        avoidOptionals: { field: true, inputValue: false, object: true },
      },
    },
    'web/src/generated/': {
      preset: 'client',
      documents: ['web/src/**/*.{ts,tsx}', '!web/src/generated/**'],
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, scalars, useTypeImports: true },
    },
    // The SDK is compiled by tsc as NodeNext ESM, so relative imports need their `.js` extension.
    'sdk/src/generated/': {
      preset: 'client',
      documents: ['sdk/src/graphql/**/*.graphql'],
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, scalars, useTypeImports: true, skipTypename: true, emitLegacyCommonJSImports: false },
    },
  },
};

export default config;
