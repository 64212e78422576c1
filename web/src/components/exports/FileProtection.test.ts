import { describe, expect, it } from 'vitest';
import { fileProtectionInvalid, packagingNote, passwordHint } from './FileProtection';

describe('file protection rules in the SPA (the server checks them again)', () => {
  it.each([
    ['CSV', '', null],
    ['CSV', 'short', /At least 8/],
    ['CSV', 'Zürich 東京 🚀 pass', null],
    ['PDF', 'Zürich-pass', /printable ASCII/],
    ['PDF', 'x'.repeat(33), /at most 32/],
    ['PDF', 'Correct-Horse 42!', null],
  ] as const)('%s password %j', (format, password, expected) => {
    const hint = passwordHint(format, password);
    if (expected === null) expect(hint).toBeNull();
    else expect(hint).toMatch(expected);
  });

  it('refuses gzip with a password for CSV, XLSX, JSON, not for PDF', () => {
    expect(fileProtectionInvalid('CSV', { compression: 'GZIP', password: 'long enough' })).toBe(true);
    expect(fileProtectionInvalid('CSV', { compression: 'GZIP', password: '' }, true)).toBe(true); // the schedule's stored password
    expect(fileProtectionInvalid('PDF', { compression: 'GZIP', password: 'long enough' })).toBe(false);
    expect(fileProtectionInvalid('CSV', { compression: 'ZIP', password: 'long enough' })).toBe(false);
    expect(fileProtectionInvalid('CSV', { compression: 'GZIP', password: '' })).toBe(false);
  });

  it('says what the file will be', () => {
    expect(packagingNote('CSV', { compression: 'GZIP', password: '' })).toMatch(/gzip-compressed \(\.csv\.gz\)/);
    expect(packagingNote('CSV', { compression: '', password: 'long enough' })).toMatch(/ZIP \(\.zip\) holding the \.csv file, encrypted with AES-256/);
    expect(packagingNote('PDF', { compression: 'ZIP', password: 'long enough' })).toMatch(/AES-256 encrypted PDF .*inside a ZIP/);
    expect(packagingNote('XLSX', { compression: '', password: '' })).toBe('The .xlsx file.');
  });
});
