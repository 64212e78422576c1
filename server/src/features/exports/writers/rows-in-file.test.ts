import { describe, expect, it } from 'vitest';
import { DEFAULT_PDF_ROW_CAP, effectivePdfRowCap, rowsInFile } from './rows-in-file.js';

describe('rowsInFile', () => {
  it('counts every streamed row for CSV, XLSX and JSON, whatever the PDF cap', () => {
    for (const format of ['CSV', 'XLSX', 'JSON'] as const) {
      expect(rowsInFile(format, 497_562, 10_000)).toEqual({ rowCount: 497_562, cutByFormat: false });
      expect(rowsInFile(format, 0, 0)).toEqual({ rowCount: 0, cutByFormat: false });
    }
  });

  it('holds a PDF to its cap, and says when the cap cut it', () => {
    expect(rowsInFile('PDF', 497_562, 10_000)).toEqual({ rowCount: 10_000, cutByFormat: true });
    expect(rowsInFile('PDF', 10_001, 10_000)).toEqual({ rowCount: 10_000, cutByFormat: true });
    expect(rowsInFile('PDF', 10_000, 10_000)).toEqual({ rowCount: 10_000, cutByFormat: false });
    expect(rowsInFile('PDF', 3, 10_000)).toEqual({ rowCount: 3, cutByFormat: false });
    expect(rowsInFile('PDF', 0, 10_000)).toEqual({ rowCount: 0, cutByFormat: false });
    expect(rowsInFile('PDF', 5, 0)).toEqual({ rowCount: 0, cutByFormat: true });
  });

  it('applies the cap the PDF writer applies: the default when unset, whole and not negative', () => {
    expect(effectivePdfRowCap(undefined)).toBe(DEFAULT_PDF_ROW_CAP);
    expect(rowsInFile('PDF', DEFAULT_PDF_ROW_CAP + 1, undefined)).toEqual({ rowCount: DEFAULT_PDF_ROW_CAP, cutByFormat: true });
    expect(effectivePdfRowCap(12.9)).toBe(12);
    expect(effectivePdfRowCap(-4)).toBe(0);
  });
});
