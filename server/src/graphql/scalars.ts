/**
 * Scalars beyond the GraphQL built-ins. `FilterValue` accepts a string, number or boolean literal,
 * so an integrator writes `value: 42` or `value: "web"` naturally; validation then checks it against
 * the column's kind.
 */
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
export { DateTimeResolver as DateTimeScalar, JSONResolver as JSONScalar } from 'graphql-scalars';

function literal(ast: ValueNode): string | number | boolean {
  switch (ast.kind) {
    case Kind.STRING:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.BOOLEAN:
      return ast.value;
    default:
      throw new TypeError('FilterValue must be a string, number or boolean');
  }
}

function value(v: unknown): string | number | boolean {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw new TypeError('FilterValue must be a string, finite number or boolean');
}

export const FilterValueScalar = new GraphQLScalarType({
  name: 'FilterValue',
  description: 'A filter operand: string, number or boolean (dates as ISO-8601 strings).',
  serialize: value,
  parseValue: value,
  parseLiteral: literal,
});
