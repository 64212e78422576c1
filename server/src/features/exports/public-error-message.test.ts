import { describe, expect, it } from 'vitest';
import { publicErrorMessage } from './export-runner.js';

function fsError(code: string, path = '/srv/reportcast/.data/exports/acme/x.csv'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something, open '${path}'`), { code, path });
}

describe('publicErrorMessage', () => {
  it.each(['ENOSPC', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOENT', 'EDQUOT', 'EIO'])('names the storage problem for %s without the server path', (code) => {
    const message = publicErrorMessage(fsError(code));
    expect(message).toMatch(/^Could not write the export file: the export storage .+ \(\w+\)$/);
    expect(message).toContain(code);
    expect(message).not.toContain('/srv');
  });

  it('keeps only the engine code and name of a ClickHouse error', () => {
    const error = new Error("Code: 241. DB::Exception: Memory limit exceeded while executing SELECT secret FROM t WHERE tenant_id = 'acme'. (MEMORY_LIMIT_EXCEEDED) (version 26.7.1)");
    expect(publicErrorMessage(error)).toBe('The analytics query failed (ClickHouse error 241 MEMORY_LIMIT_EXCEEDED)');
  });

  it('never shows SQL text', () => {
    expect(publicErrorMessage(new Error('syntax error near SELECT * FROM events'))).toBe('The analytics query failed');
  });

  it('passes other messages through, bounded', () => {
    expect(publicErrorMessage(new Error('socket hang up'))).toBe('Export failed: socket hang up');
    expect(publicErrorMessage(new Error('x'.repeat(2000))).length).toBe(500);
  });
});
