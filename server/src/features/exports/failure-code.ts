/**
 * The codes of `ExportError.errorCode` (enum `ExportErrorCode`): why an export, or a schedule's
 * execution, did not produce what it should. Exports store their code as text (`exports.error_code`,
 * written by export-runner.ts and the worker's lost-job sweep); executions store only a sentence
 * (`schedule_executions.error`, written by the tick, execution.service.ts and delivery.service.ts),
 * so their code is read here from the status and that sentence, with the export's own code when the
 * export is what failed. Pure: no I/O.
 */
export const EXPORT_ERROR_CODES = [
  'EXPORT_FAILED', 'REPORT_DELETED', 'INVALID_DEFINITION', 'PASSWORD_UNAVAILABLE', 'WORKER_LOST', 'EXPORT_CANCELLED',
  'DELIVERY_FAILED', 'MISSED', 'NOT_A_BUSINESS_DAY', 'ACCESS_REVOKED',
] as const;
export type ExportErrorCode = (typeof EXPORT_ERROR_CODES)[number];

export interface Failure {
  /** The code as stored (export) or derived (execution); kept in the deprecated `ExportError.code`. */
  code: string;
  errorCode: ExportErrorCode;
  message: string;
}

const KNOWN = new Set<string>(EXPORT_ERROR_CODES);

/**
 * An export's stored code as the enum. A code this build does not know (a newer worker wrote it
 * during a rolling deploy) reads as the general EXPORT_FAILED; `code` keeps the exact text.
 */
export function exportErrorCode(stored: string): ExportErrorCode {
  return KNOWN.has(stored) ? (stored as ExportErrorCode) : 'EXPORT_FAILED';
}

export function exportFailure(stored: string | null, message: string | null): Failure | null {
  return stored ? { code: stored, errorCode: exportErrorCode(stored), message: message ?? '' } : null;
}

/** The sentences the execution writers store (tick.service.ts, execution.service.ts). */
const REPORT_DELETED = 'The report was deleted';
const INVALID_DEFINITION = 'The report definition is invalid';

export interface ExecutionFailureInput {
  status: string;
  error: string | null;
  /** The execution's export, when it has one and it was read. */
  export?: { status: string; errorCode: string | null; errorMessage: string | null } | null;
}

/**
 * Why an execution failed, was skipped or missed, or delivered only in part; null when nothing went
 * wrong (DELIVERED, SKIPPED_EMPTY as asked, or still running).
 */
export function executionFailure({ status, error, export: made }: ExecutionFailureInput): Failure | null {
  const of = (errorCode: ExportErrorCode, message = error ?? ''): Failure => ({ code: errorCode, errorCode, message });
  switch (status) {
    case 'MISSED':
      return of('MISSED');
    case 'SKIPPED':
      return of('NOT_A_BUSINESS_DAY');
    case 'PARTIALLY_DELIVERED':
      return of('DELIVERY_FAILED');
    case 'FAILED':
      if (error === REPORT_DELETED) return of('REPORT_DELETED');
      if (error === INVALID_DEFINITION) return of('INVALID_DEFINITION');
      if (made?.status === 'FAILED' && made.errorCode) return { ...exportFailure(made.errorCode, made.errorMessage ?? error)! };
      if (made?.status === 'CANCELLED') return of('EXPORT_CANCELLED');
      // The export completed: its deliveries failed.
      return of('DELIVERY_FAILED');
    default:
      return null;
  }
}
