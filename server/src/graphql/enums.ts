/** A GraphQL enum object (`{ A: 'A', … }`) from a readonly list of values, for registerEnumType. */
export function enumOf<T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
}
