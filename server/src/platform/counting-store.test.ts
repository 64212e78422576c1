/**
 * CountingStore over a real chDB store: every call reaches the store it wraps (reads, streams, byte
 * streams, statements, health), and only tenant-scoped reads are counted as reads, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChdbStore } from './chdb-store.js';
import { CountingStore } from './counting-store.js';

const dir = mkdtempSync(join(tmpdir(), 'reportcast-counting-'));
const chdb = new ChdbStore(dir, 'counted');
const counting = new CountingStore(chdb);
const TABLE = '`counted`.`t`';

beforeAll(async () => {
  await counting.exec('CREATE DATABASE IF NOT EXISTS counted');
  await counting.exec(`CREATE TABLE ${TABLE} (tenant_id String, n UInt32) ENGINE = MergeTree ORDER BY (tenant_id, n)`);
  await counting.exec(`INSERT INTO ${TABLE} SELECT {tenant:String}, number FROM numbers({rows:UInt32})`, { tenant: 'acme', rows: 5 });
}, 60_000);
afterAll(async () => {
  await counting.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CountingStore', () => {
  it('is the store it wraps: kind, database, health', async () => {
    expect(counting.kind).toBe(chdb.kind);
    expect(counting.database).toBe('counted');
    expect(await counting.ping()).toBe(true);
  });

  it('counts tenant-scoped reads (with their SQL) apart from probes, and returns the real answers', async () => {
    const scoped = `SELECT sum(n) FROM ${TABLE} WHERE tenant_id = {tenant:String}`;
    expect(Number((await counting.query(scoped, { tenant: 'acme' })).rows[0]![0])).toBe(10);
    expect(Number((await counting.query(scoped, { tenant: 'globex' })).rows[0]![0])).toBe(0);
    expect(Number((await counting.query('SELECT 1')).rows[0]![0])).toBe(1);
    expect(Number((await counting.query('SELECT {x:UInt8}', { x: 7 })).rows[0]![0])).toBe(7);
    expect([counting.reads, counting.probes]).toEqual([2, 2]);
    expect(counting.sqls).toEqual([scoped, scoped]);
  });

  it('passes streams and byte streams through uncounted, rows and bytes intact', async () => {
    const before = [counting.reads, counting.probes];
    const rows: unknown[][] = [];
    for await (const batch of counting.stream(`SELECT n FROM ${TABLE} WHERE tenant_id = {tenant:String} ORDER BY n`, { tenant: 'acme' })) rows.push(...batch);
    expect(rows.map((r) => Number(r[0]))).toEqual([0, 1, 2, 3, 4]);
    let text = '';
    for await (const chunk of counting.streamBytes(`SELECT n FROM ${TABLE} WHERE tenant_id = {tenant:String} ORDER BY n`, { tenant: 'acme' }, { format: 'CSV' })) text += Buffer.from(chunk.bytes).toString('utf8');
    expect(text).toBe('0\n1\n2\n3\n4\n');
    expect([counting.reads, counting.probes]).toEqual(before);
  });

  it('passes an engine error through unchanged', async () => {
    await expect(counting.query(`SELECT no_such_column FROM ${TABLE} WHERE tenant_id = {tenant:String}`, { tenant: 'acme' })).rejects.toThrow(/no_such_column/);
  });
});
