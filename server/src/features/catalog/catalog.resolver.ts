import { Arg, Authorized, Query, Resolver } from 'type-graphql';
import { CATALOG, findTable, type CatalogTable } from './catalog.js';
import { Table } from './catalog.type.js';

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
}
