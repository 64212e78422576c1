/**
 * The argument values each field of an operation will be resolved with, computed as graphql-js
 * execution computes them: the request's variables coerced against the operation's variable
 * definitions (their defaults applied), then each field's arguments coerced against the field's
 * definition in the schema (literals, variables, schema defaults, nested input objects, lists,
 * custom scalars such as JSON). Limits and input checks read these values and never the raw
 * request, so no value slips past them by arriving in another form: a variable default, a
 * fragment, a nested input object, a list.
 */
import {
  TypeInfo, getArgumentValues, getVariableValues, visit, visitWithTypeInfo,
  type DocumentNode, type FieldNode, type GraphQLError, type GraphQLField, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';

export interface FieldArguments {
  /** The field as the schema defines it; null for a field the schema does not have (validation refuses those). */
  definition: GraphQLField<unknown, unknown> | null;
  values: Readonly<Record<string, unknown>>;
}

export interface OperationArguments {
  /**
   * What the field's resolver receives. Null when execution would refuse the field's arguments
   * (a null variable for a non-null argument): its resolver, and everything below it, never runs.
   */
  of(field: FieldNode): FieldArguments | null;
}

export type ResolvedArguments =
  | { ok: true; arguments: OperationArguments }
  /** Execution refuses these variables before any resolver runs, with these same errors. */
  | { ok: false; errors: readonly GraphQLError[] };

export function resolveArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | null | undefined,
): ResolvedArguments {
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (variables.errors) return { ok: false, errors: variables.errors };
  const coerced = variables.coerced;

  // A field's definition depends on the type it is selected on, which only a walk with TypeInfo
  // knows (fragment type conditions included). The AST node of a field inside a named fragment is
  // the same object wherever the fragment is spread, so one walk of the document serves them all.
  const definitions = new Map<FieldNode, GraphQLField<unknown, unknown>>();
  const typeInfo = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const definition = typeInfo.getFieldDef();
      if (definition) definitions.set(node, definition);
    },
  }));

  const cache = new Map<FieldNode, FieldArguments | null>();
  return {
    ok: true,
    arguments: {
      of(field) {
        if (cache.has(field)) return cache.get(field)!;
        const definition = definitions.get(field) ?? null;
        let result: FieldArguments | null;
        try {
          result = { definition, values: definition ? getArgumentValues(definition, field, coerced) : {} };
        } catch {
          result = null;
        }
        cache.set(field, result);
        return result;
      },
    },
  };
}
