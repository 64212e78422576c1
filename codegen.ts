/**
 * GraphQL code generation from the committed schema.graphql. For now: the schema's TypeScript types,
 * which server-side tests and the later SPA/SDK share. CI fails when the output differs.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'server/src/generated/graphql.ts': {
      plugins: ['typescript'],
      config: {
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown', FilterValue: 'string | number | boolean' },
        avoidOptionals: { field: true, inputValue: false, object: true },
      },
    },
  },
  hooks: {},
};

export default config;
