/**
 * FilterValue in a real schema: literals and variables of the three kinds reach the resolver as
 * the JS value; anything else (a list, an object, an enum, null-ish, NaN) is a GraphQL error at
 * the argument, before any resolver runs. Serialising refuses what is not one of the three.
 */
import { describe, expect, it } from 'vitest';
import { graphql, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { FilterValueScalar } from './scalars.js';

let seen: unknown[] = [];
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      echo: {
        type: FilterValueScalar,
        args: { v: { type: FilterValueScalar } },
        resolve: (_root, { v }) => {
          seen.push(v);
          return v;
        },
      },
      bad: { type: FilterValueScalar, resolve: () => ({ not: 'a value' }) },
    },
  }),
});
const run = (source: string, variableValues?: Record<string, unknown>) => graphql({ schema, source, variableValues });

describe('FilterValue', () => {
  it('takes string, int, float and boolean literals as themselves', async () => {
    seen = [];
    const res = await run('{ a: echo(v: "web") b: echo(v: 42) c: echo(v: -1.5) d: echo(v: true) }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: 'web', b: 42, c: -1.5, d: true });
    expect(seen).toEqual(['web', 42, -1.5, true]);
  });

  it('takes the same kinds as variables', async () => {
    const res = await run('query($v: FilterValue) { echo(v: $v) }', { v: 'ios' });
    expect(res.data).toEqual({ echo: 'ios' });
    expect((await run('query($v: FilterValue) { echo(v: $v) }', { v: 3 })).data).toEqual({ echo: 3 });
    expect((await run('query($v: FilterValue) { echo(v: $v) }', { v: false })).data).toEqual({ echo: false });
  });

  it('refuses a list, an object or an enum literal at the argument, before the resolver', async () => {
    seen = [];
    for (const literal of ['[1, 2]', '{ a: 1 }', 'WEB']) {
      const res = await run(`{ echo(v: ${literal}) }`);
      expect(res.errors?.[0]?.message, literal).toMatch(/FilterValue/);
    }
    expect(seen).toEqual([]);
  });

  it('refuses a variable that is not a string, finite number or boolean', async () => {
    for (const v of [{ a: 1 }, [1], Number.NaN, Number.POSITIVE_INFINITY]) {
      const res = await run('query($v: FilterValue) { echo(v: $v) }', { v });
      expect(res.errors?.[0]?.message, JSON.stringify(v)).toMatch(/FilterValue must be a string, finite number or boolean/);
    }
  });

  it('refuses to serialise anything else', async () => {
    const res = await run('{ bad }');
    expect(res.data).toEqual({ bad: null });
    expect(res.errors?.[0]?.message).toMatch(/FilterValue must be/);
  });
});
