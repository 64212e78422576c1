/**
 * The fixture the XLSX parity test (xlsx-parity.test.ts) writes: every column kind, every script,
 * values of unexpected shapes, XML-invalid control characters, formula-like text, the cell-length
 * limit, a fall-back hour, and enough rows to split across sheets with a small rows-per-sheet. The
 * files in xlsx-golden/ are what the exceljs per-cell writer (before the fast sheet writer, commit
 * 171fd6b) made of it; the test reads them and the current writer's output back cell by cell.
 */
import type { ExportColumn, ExportMeta, WriterOptions } from './writer.js';

export const PARITY_COLUMNS: ExportColumn[] = [
  { key: 'name', label: 'Name / 名前 / Όνομα / الاسم 🎉', kind: 'STRING' },
  { key: 'events', label: 'Events', kind: 'NUMBER' },
  { key: 'ratio', label: 'Ratio', kind: 'NUMBER' },
  { key: 'at', label: 'Happened at', kind: 'DATETIME' },
  { key: 'day', label: 'Day', kind: 'DATE' },
  { key: 'ok', label: 'OK?', kind: 'BOOLEAN' },
  { key: 'platform', label: 'Platform <&>"\'', kind: 'STRING' },
];

const SCRIPTS = [
  'plain ASCII',
  '日本語のテキスト、漢字とかな',
  '中文报告：每日活跃用户',
  '한국어 보고서',
  'Ελληνικά: Αναφορά χρήσης',
  'العربية: تقرير الاستخدام',
  'עברית: דוח שימוש',
  'Русский отчёт',
  'हिन्दी रिपोर्ट',
  'ไทย รายงาน',
  'emoji 🎉👩‍💻🇫🇷 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'Rapport d’activité – été',
];

/** Rows 0..: awkward values first, then a run of ordinary ones (so a split leaves several sheets). */
export function parityRows(): unknown[][] {
  const rows: unknown[][] = [
    ['comma, "quote" and\r\nnewline', -5, 0.25, '2026-11-28 10:00:00.123', '2026-01-01', false, '<b>&amp;</b>'],
    [null, null, null, null, null, null, null],
    ['=HYPERLINK("http://evil","x")', 1.5, 1, '2026-11-28 23:59:59.5', '2026-12-31', true, '+1'],
    ['-5', '12345678901234567890', '-0.5', '1970-01-01 00:00:00', '1970-01-01', '1', '@SUM(A1)'],
    ['\tTabbed', 9_007_199_254_740_992, -1234567.891, '2026-02-28 12:34:56.789123', '2024-02-29', 'false', '\rCR first'],
    ['ctrl \u0000\u0001\u0008\u000b\u000c\u000e\u001f\u007f end', 1e21, 1e-7, '2026-10-25 00:30:00', '2026-10-25', 0, 'tab\tinside'],
    ['fall-back 02:30 first', 0, 0, '2026-10-25 00:30:00', '2026-10-25', true, ' leading and trailing '],
    ['fall-back 02:30 again', -0, 3, '2026-10-25 01:30:00', '2026-10-25', false, ''],
    ['x'.repeat(40_000), Number.NaN, Infinity, 'not a time', 'not a day', 'maybe', 'long cut to 32,767'],
    [{ an: 'object' }, 'seven', [1, 2], 1_700_000_000_000, 20260101, 'yes', ['an', 'array']],
    ['\uFF1Dfull-width', 123456789012, 2.5, '2026-03-29 01:00:00', '2026-03-29', true, 'line\nbreak'],
    [' ', -1, -1.75, '2026-03-29 00:59:59.999', '2026-03-29', false, '\u00a0nbsp'],
  ];
  for (let i = 0; i < 36; i++) {
    rows.push([
      SCRIPTS[i % SCRIPTS.length],
      i * 1000 + 7,
      i / 8,
      `2026-11-${String((i % 28) + 1).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:15:30`,
      `2026-12-${String((i % 31) + 1).padStart(2, '0')}`,
      i % 3 === 0,
      ['web', 'ios', 'android', 'Ελλάδα', 'مصر', '東京'][i % 6],
    ]);
  }
  return rows;
}

export const PARITY_META: ExportMeta = {
  reportName: 'Parity: 報告 Αναφορά تقرير 🎉',
  tenantId: 'tenant-α',
  generatedAt: new Date('2026-11-29T08:00:00Z'),
  timeZone: 'Europe/Paris',
  parameters: [
    { label: 'Time range', value: '2026-11-21 00:00 → 2026-11-28 00:00 (Europe/Paris)' },
    { label: 'Filter', value: 'platform = 東京' },
  ],
  rowLimit: 40,
  totalRows: 40,
  truncated: true,
};

/** The cases the golden files hold: name → meta and options (rows are cut to meta.totalRows). */
export const PARITY_CASES: Record<string, { meta: ExportMeta; options: WriterOptions; batches: number[] }> = {
  // 40 rows in sheets of 15: Data, Data (2), Data (3); batch sizes straddle the sample and the splits.
  'split-en-US': { meta: PARITY_META, options: { xlsxRowsPerSheet: 15 }, batches: [3, 14, 1, 22] },
  // Every row on one sheet, German date order, a batch larger than the width sample.
  'one-sheet-de-DE': { meta: { ...PARITY_META, locale: 'de-DE', timeZone: 'America/New_York', totalRows: 48, rowLimit: 1000, truncated: false }, options: {}, batches: [48] },
  // No rows at all: the header alone.
  'empty-ja-JP': { meta: { ...PARITY_META, locale: 'ja-JP', totalRows: 0, truncated: false }, options: {}, batches: [] },
};
