import { describe, expect, it } from 'vitest';
import { ReportcastError } from './errors.js';
import { hasFile, isTerminal, toExport } from './exports.js';
import type { Export, ExportRecord } from './types.js';

const base: ExportRecord = {
  id: 'e1', status: 'PENDING', format: 'CSV', reportId: 'r1', reportName: 'R', scheduleId: null, triggeredBy: 'MANUAL',
  initiatedBy: 'u', timeZone: 'UTC', locale: 'en-US', asOf: '2026-01-01T00:00:00.000Z', attempts: 0, revision: 1, retryOf: null,
  rowCount: null, truncated: false, fileName: null, fileSize: null, contentType: null, compression: null, passwordProtected: false, checksum: null, downloadUrl: null,
  expiresAt: null, fileExpiredAt: null, createdAt: '2026-01-01T00:00:00.000Z', startedAt: null, completedAt: null,
  executionTimeMs: null, progress: { rowsWritten: 0, rowsTotal: null, bytesWritten: 0, percent: null, etaSeconds: null }, error: null,
};
const completed: ExportRecord = {
  ...base, status: 'COMPLETED', rowCount: 3, fileName: 'r.csv', fileSize: 10, contentType: 'text/csv', checksum: 'ab',
  completedAt: '2026-01-01T00:00:01.000Z', downloadUrl: 'http://h/d/1', expiresAt: '2026-01-01T01:00:00.000Z',
};

describe('status-typed exports', () => {
  it('isTerminal narrows statuses and exports; hasFile only a COMPLETED export with a link', () => {
    expect(['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'].map((s) => isTerminal(s as Export['status']))).toEqual([false, false, true, true, true]);
    const done = toExport(completed);
    expect(isTerminal(done)).toBe(true);
    expect(hasFile(done)).toBe(true);
    if (hasFile(done)) {
      const name: string = done.fileName; // non-null by type, no `!`
      expect(name).toBe('r.csv');
    }
    const expired = toExport({ ...completed, downloadUrl: null, expiresAt: null, fileExpiredAt: '2026-02-01T00:00:00.000Z' });
    expect(hasFile(expired)).toBe(false);
    expect(hasFile(toExport(base))).toBe(false);
  });

  it('refuses a COMPLETED record that lacks what the type promises, naming the fields and the export', () => {
    const error = (() => {
      try {
        toExport({ ...completed, checksum: null, downloadUrl: null });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ReportcastError);
    expect((error as ReportcastError).message).toBe('Export e1 is COMPLETED without checksum, downloadUrl');
    expect((error as ReportcastError).extensions.exportId).toBe('e1');
    expect(toExport({ ...base, status: 'FAILED', error: { code: 'X', errorCode: 'EXPORT_FAILED', message: 'm' } }).status).toBe('FAILED');
  });
});
