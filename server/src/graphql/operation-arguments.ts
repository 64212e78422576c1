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
  Kind, getArgumentValues, getNamedType, getVariableValues, isInterfaceType, isObjectType,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLError, type GraphQLField, type GraphQLNamedType,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
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

  const definitions = fieldDefinitions(schema, document, operation);

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

/**
 * The schema's definition of every field the operation selects. A field's definition depends on
 * the type it is selected on: the root type, then each field's type, an inline fragment's or a
 * named fragment's type condition. The AST node of a field inside a named fragment is the same
 * object wherever the fragment is spread, so each fragment is walked once. (graphql's TypeInfo
 * does the same over any document; this walk is a few times cheaper and sees only this operation.)
 */
function fieldDefinitions(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Map<FieldNode, GraphQLField<unknown, unknown>> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const definitions = new Map<FieldNode, GraphQLField<unknown, unknown>>();
  const walked = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, parent: GraphQLNamedType | null | undefined): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[sel.name.value] : undefined;
        if (definition) definitions.set(sel, definition);
        walk(sel.selectionSet, definition ? getNamedType(definition.type) : null);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent);
      } else if (!walked.has(sel.name.value)) {
        walked.add(sel.name.value);
        const fragment = fragments.get(sel.name.value);
        if (fragment) walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
      }
    }
  };
  walk(operation.selectionSet, schema.getRootType(operation.operation));
  return definitions;
}
