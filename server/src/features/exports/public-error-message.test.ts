import { describe, expect, it } from 'vitest';
import { publicErrorMessage } from './export-runner.js';

describe('publicErrorMessage: what a user may read about a failed export', () => {
  it('keeps ClickHouse code and name only', () => {
    expect(publicErrorMessage(new Error("Code: 60. DB::Exception: Unknown table expression identifier 'db.t' in scope SELECT x FROM db.t WHERE tenant_id = 'acme'. (UNKNOWN_TABLE)")))
      .toBe('The analytics query failed (ClickHouse error 60 UNKNOWN_TABLE)');
  });

  it('never quotes a statement or a server path', () => {
    expect(publicErrorMessage(new Error("UPDATE exports SET rows_total = 69 WHERE id = 'x' - terminating connection due to administrator command")))
      .not.toMatch(/UPDATE|exports|rows_total/);
    expect(publicErrorMessage(Object.assign(new Error("ENOTDIR: not a directory, mkdir '/srv/data/exports/acme'"), { code: 'ENOTDIR' })))
      .toBe('The export storage is not writable (ENOTDIR)');
    expect(publicErrorMessage(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })))
      .toBe('The export storage is full (ENOSPC)');
    expect(publicErrorMessage(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' })))
      .toBe('A database was unreachable (connection refused or dropped)');
  });
});

describe('publicErrorMessage: storage problems by their code', () => {
  const fsError = (code: string) => Object.assign(new Error(`${code}: something, open '/srv/reportcast/.data/exports/acme/x.csv'`), { code });
  it.each(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR'])('%s: not writable, without the path', (code) => {
    expect(publicErrorMessage(fsError(code))).toBe(`The export storage is not writable (${code})`);
  });
  it.each(['ENOSPC', 'EDQUOT'])('%s: full', (code) => {
    expect(publicErrorMessage(fsError(code))).toBe(`The export storage is full (${code})`);
  });
  it('bounds anything else it passes through', () => {
    expect(publicErrorMessage(new Error('socket hang up'))).toBe('Export failed: socket hang up');
    expect(publicErrorMessage(new Error('x'.repeat(2000))).length).toBe(500);
  });
});
