/**
 * A process that takes one analytics slot of a tenant and holds it until it is killed: the crash
 * case of pg-tenant-slots.test.ts. Usage: node --import tsx pg-tenant-slots.fixture.ts <db url> <tenant>
 */
import pg from 'pg';
import { createLogger } from './logger.js';
import { PgTenantSlots } from './pg-tenant-slots.js';

const [databaseUrl, tenant] = process.argv.slice(2);
if (!databaseUrl || !tenant) throw new Error('usage: pg-tenant-slots.fixture.ts <database url> <tenant>');
const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
const slots = new PgTenantSlots({ databaseUrl, pool, perTenant: 1, log: createLogger('error', 'json', () => undefined) });
await slots.start();
await slots.acquire(tenant);
process.stdout.write('held\n');
setInterval(() => undefined, 60_000);
