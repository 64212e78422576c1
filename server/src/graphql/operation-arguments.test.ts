import { describe, expect, it } from 'vitest';
import { buildSchema, getOperationAST, parse, type FieldNode, type OperationDefinitionNode, Kind, visit } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import { resolveArguments } from './operation-arguments.js';

const SCHEMA = buildSchema(`
  scalar JSON
  type Query { item(id: ID!, tags: [String!], input: In, first: Int = 7): Item }
  type Item { id: ID child(name: String): Item }
  input In { name: String, nested: In, meta: JSON, list: [In!] }
`);
Object.assign(SCHEMA.getType('JSON')!, { parseLiteral: JSONResolver.parseLiteral, parseValue: JSONResolver.parseValue });

/** The argument values of every field named `name`, in document order. */
function argsOf(query: string, variables: Record<string, unknown> = {}, name = 'item') {
  const document = parse(query);
  const operation = getOperationAST(document) as OperationDefinitionNode;
  const resolved = resolveArguments(SCHEMA, document, operation, variables);
  if (!resolved.ok) return resolved.errors.map((e) => e.message);
  const fields: FieldNode[] = [];
  visit(document, { Field: (node) => { if (node.name.value === name) fields.push(node); } });
  return fields.map((f) => {
    const v = resolved.arguments.of(f);
    return v && JSON.parse(JSON.stringify(v.values));
  });
}

describe('resolveArguments: the values a resolver receives, whatever form they arrive in', () => {
  it('literals, variables and variable defaults', () => {
    expect(argsOf('{ item(id: "a") { id } }')).toEqual([{ id: 'a', first: 7 }]);
    expect(argsOf('query($i: ID!) { item(id: $i) { id } }', { i: 'b' })).toEqual([{ id: 'b', first: 7 }]);
    expect(argsOf('query($i: ID! = "c", $n: Int = 9) { item(id: $i, first: $n) { id } }')).toEqual([{ id: 'c', first: 9 }]);
  });

  it('nested input objects, lists and JSON keys, from literals and from variables', () => {
    const literal = argsOf('{ item(id: "a", tags: "t", input: { nested: { name: "n" }, list: [{ name: "l" }], meta: { k: ["v"] } }) { id } }');
    expect(literal).toEqual([{ id: 'a', tags: ['t'], first: 7, input: { nested: { name: 'n' }, list: [{ name: 'l' }], meta: { k: ['v'] } } }]);
    const variable = argsOf('query($in: In = { nested: { name: "d" } }) { item(id: "a", input: $in) { id } }');
    expect(variable).toEqual([{ id: 'a', first: 7, input: { nested: { name: 'd' } } }]);
  });

  it('fields inside named and inline fragments', () => {
    expect(argsOf('query($v: String = "x") { item(id: "a") { ...F ... on Item { child(name: $v) { id } } } } fragment F on Item { child(name: "f") { id } }', {}, 'child'))
      .toEqual([{ name: 'x' }, { name: 'f' }]);
  });

  it('variables that do not fit their definitions are execution\'s errors, reported as such', () => {
    const errors = argsOf('query($i: ID!) { item(id: $i) { id } }', {});
    expect(errors).toEqual([expect.stringMatching(/Variable "\$i" of required type "ID!" was not provided/)]);
  });
});
