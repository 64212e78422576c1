import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireViewer, type AppContext } from '../../context.js';
import { CATALOG, findTable, type CatalogTable } from './catalog.js';
import { ColumnValue, Table } from './catalog.type.js';
import { COLUMN_VALUES_MAX } from './column-values.js';

function toTable(t: CatalogTable): Table {
  return {
    name: t.name,
    label: t.label,
    description: t.description,
    defaultTimeColumn: t.defaultTimeColumn,
    columns: t.columns.map((c) => ({ ...c, type: c.chType })),
  };
}

@Resolver()
export class CatalogResolver {
  @Authorized()
  @Query(() => [Table], { description: 'The tables reports can be built on.' })
  tables(): Table[] {
    return CATALOG.map(toTable);
  }

  @Authorized()
  @Query(() => Table, { nullable: true, description: 'One table by name; null when it is not in the catalog.' })
  table(@Arg('name', () => String, { description: 'Table name, e.g. `usage_events`.' }) name: string): Table | null {
    const t = findTable(name);
    return t ? toTable(t) : null;
  }

  @Authorized()
  @Query(() => [ColumnValue], {
    description: "The most frequent values of a text column in the viewer's tenant, most frequent first, for a filter's value picker. "
      + 'BAD_USER_INPUT for an unknown table or column, for a column that is not text and for one marked `freeText` (ids). Cached for 30 s.',
  })
  columnValues(
    @Ctx() ctx: AppContext,
    @Arg('source', () => String, { description: 'Table name, as a definition\'s `source`.' }) source: string,
    @Arg('field', () => String, { description: 'Column name.' }) field: string,
    @Arg('search', () => String, { nullable: true, description: 'Only values containing this text (case-insensitive).' }) search?: string | null,
    @Arg('first', () => Int, { nullable: true, description: `How many values, 1..${COLUMN_VALUES_MAX} (default 20).` }) first?: number | null,
  ): Promise<ColumnValue[]> {
    return ctx.services.columnValues.values(requireViewer(ctx), { source, field, search, first });
  }
}
