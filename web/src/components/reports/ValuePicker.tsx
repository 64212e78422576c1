/**
 * Filter values picked from a list: the column's most frequent values in the tenant
 * (`columnValues`, narrowed by what has been typed), offered as a native datalist on a text input,
 * so typing a value nobody has seen yet still works. Columns the catalog marks as free text (ids)
 * and non-text columns get a plain input.
 */
import { useEffect, useId, useState, type ReactElement } from 'react';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../generated';
import { formatNumber } from '../../format';

export const COLUMN_VALUES = graphql(`
  query FilterColumnValues($source: String!, $field: String!, $search: String, $first: Int) {
    columnValues(source: $source, field: $field, search: $search, first: $first) { value count }
  }
`);

/** Values offered at once; the server allows up to 100. */
const OFFERED = 50;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** The datalist id to give an input, and the list element to render beside it (null: nothing to offer). */
export function useValueList(source: string, field: string, typed: string, enabled: boolean): { listId: string | undefined; list: ReactElement | null; values: string[] } {
  const id = useId();
  const search = useDebounced(typed.trim(), 200);
  const q = useQuery(COLUMN_VALUES, {
    variables: { source, field, search: search || null, first: OFFERED },
    skip: !enabled || !source || !field,
    // The server caches for 30 s; the client keeps what it got for the same question.
    fetchPolicy: 'cache-first',
  });
  const values = (q.data ?? q.previousData)?.columnValues ?? [];
  if (!enabled) return { listId: undefined, list: null, values: [] };
  return {
    listId: id,
    values: values.map((v) => v.value),
    list: (
      <datalist id={id} data-testid="value-options">
        {values.map((v) => <option key={v.value} value={v.value} label={`${formatNumber(v.count)} rows`} />)}
      </datalist>
    ),
  };
}
