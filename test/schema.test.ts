/**
 * The committed contract matches the code: schema.graphql is what the resolvers produce, and the
 * generated types are what codegen makes of it.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  buildSchema as parseSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, type GraphQLSchema,
} from 'graphql';
import { getSchema, printedSchema, SCHEMA_FILE } from '../server/src/schema.js';
import { REPO_ROOT } from '../server/src/config.js';

describe('schema.graphql', () => {
  it('is exactly what the code produces (run `pnpm schema` after changing resolvers)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printedSchema());
  });

  it('names the contract the SPA, SDK and tests rely on', () => {
    const schema = parseSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    const query = Object.keys(schema.getQueryType()!.getFields());
    for (const f of ['me', 'tables', 'table', 'reports', 'report', 'previewReport', 'validateReport']) expect(query).toContain(f);
    const mutation = Object.keys(schema.getMutationType()!.getFields());
    for (const f of ['createReport', 'updateReport', 'deleteReport']) expect(mutation).toContain(f);
    for (const t of ['ReportDefinitionInput', 'ReportDefinition', 'ReportConnection', 'PageInfo', 'ReportPreview']) expect(schema.getType(t)).toBeDefined();
  });

  it('describes every type, field, argument, input field and enum value (they show in introspection and docs)', async () => {
    const undocumented = (schema: GraphQLSchema) => {
      const missing: string[] = [];
      for (const type of Object.values(schema.getTypeMap())) {
        if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
        if (!type.description?.trim()) missing.push(type.name);
        if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
          for (const field of Object.values(type.getFields())) {
            if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
            for (const arg of 'args' in field ? field.args : []) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
        if (isEnumType(type)) for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
      return missing;
    };
    // Both the schema the server runs and the committed contract.
    expect(undocumented(await getSchema())).toEqual([]);
    const committed = parseSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    expect(undocumented(committed)).toEqual([]);
    expect(committed.getQueryType()!.getFields().reports!.args.find((a) => a.name === 'first')!.description).toMatch(/Page size/);
  });

  it('matches the generated code (run `pnpm codegen` after changing the schema)', () => {
    // --check exits non-zero when a generated file would change.
    expect(() => execFileSync('pnpm', ['exec', 'graphql-codegen', '--config', 'codegen.ts', '--check'], { cwd: REPO_ROOT, stdio: 'pipe' })).not.toThrow();
  });
});
