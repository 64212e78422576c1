/**
 * MikroORM over the metadata Postgres. Entities are listed explicitly (no folder scanning, no
 * decorator metadata: esbuild emits none, so every property names its type). The schema itself is
 * owned by the SQL migrations.
 */
import { MikroORM, type Options } from '@mikro-orm/postgresql';

/** `entities` is the application's list (server/src/entities.ts): the platform knows no feature. */
export async function openOrm(databaseUrl: string, entities: NonNullable<Options['entities']>): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: databaseUrl,
    entities,
    discovery: { disableDynamicFileAccess: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: 10 },
    debug: false,
  });
}
