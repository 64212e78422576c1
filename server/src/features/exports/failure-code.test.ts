import { describe, expect, it } from 'vitest';
import { EXPORT_ERROR_CODES, executionFailure, exportErrorCode, exportFailure } from './failure-code.js';

describe('exportFailure', () => {
  it('keeps the stored code and gives it as the enum', () => {
    expect(exportFailure('REPORT_DELETED', 'The report was deleted before the export ran')).toEqual({ code: 'REPORT_DELETED', errorCode: 'REPORT_DELETED', message: 'The report was deleted before the export ran' });
    expect(exportFailure('WORKER_LOST', null)).toEqual({ code: 'WORKER_LOST', errorCode: 'WORKER_LOST', message: '' });
    expect(exportFailure(null, 'ignored')).toBeNull();
  });

  it('reads a code this build does not know as EXPORT_FAILED, keeping the text in code', () => {
    expect(exportFailure('SOMETHING_NEWER', 'x')).toEqual({ code: 'SOMETHING_NEWER', errorCode: 'EXPORT_FAILED', message: 'x' });
    for (const code of EXPORT_ERROR_CODES) expect(exportErrorCode(code)).toBe(code);
  });
});

describe('executionFailure', () => {
  it('names why a slot did not run', () => {
    expect(executionFailure({ status: 'MISSED', error: 'The scheduler was not running at this time' })).toEqual({ code: 'MISSED', errorCode: 'MISSED', message: 'The scheduler was not running at this time' });
    expect(executionFailure({ status: 'SKIPPED', error: 'Not a business day in Pacific/Auckland' })?.errorCode).toBe('NOT_A_BUSINESS_DAY');
  });

  it('a run that failed at once for its report', () => {
    expect(executionFailure({ status: 'FAILED', error: 'The report was deleted' })?.errorCode).toBe('REPORT_DELETED');
    expect(executionFailure({ status: 'FAILED', error: 'The report definition is invalid' })?.errorCode).toBe('INVALID_DEFINITION');
  });

  it('a run whose export failed carries the export\'s code and message; a cancelled one EXPORT_CANCELLED', () => {
    expect(executionFailure({ status: 'FAILED', error: 'The analytics query failed', export: { status: 'FAILED', errorCode: 'EXPORT_FAILED', errorMessage: 'The analytics query failed (ClickHouse error 60 UNKNOWN_TABLE)' } }))
      .toEqual({ code: 'EXPORT_FAILED', errorCode: 'EXPORT_FAILED', message: 'The analytics query failed (ClickHouse error 60 UNKNOWN_TABLE)' });
    expect(executionFailure({ status: 'FAILED', error: 'x', export: { status: 'FAILED', errorCode: 'PASSWORD_UNAVAILABLE', errorMessage: null } })).toEqual({ code: 'PASSWORD_UNAVAILABLE', errorCode: 'PASSWORD_UNAVAILABLE', message: 'x' });
    expect(executionFailure({ status: 'FAILED', error: 'The export cancelled', export: { status: 'CANCELLED', errorCode: null, errorMessage: null } })?.errorCode).toBe('EXPORT_CANCELLED');
  });

  it('a run whose deliveries failed, wholly or in part', () => {
    expect(executionFailure({ status: 'FAILED', error: 'Deliveries: 2 failed', export: { status: 'COMPLETED', errorCode: null, errorMessage: null } })).toEqual({ code: 'DELIVERY_FAILED', errorCode: 'DELIVERY_FAILED', message: 'Deliveries: 2 failed' });
    expect(executionFailure({ status: 'PARTIALLY_DELIVERED', error: 'Deliveries: 1 uncertain (may have been delivered)' })?.errorCode).toBe('DELIVERY_FAILED');
  });

  it('is null when nothing went wrong', () => {
    for (const status of ['PENDING', 'RUNNING', 'DELIVERED', 'SKIPPED_EMPTY']) expect(executionFailure({ status, error: null })).toBeNull();
  });
});
