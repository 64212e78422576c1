import { describe, it, expect } from 'vitest';
import {
  isoDate,
  isoDateTime,
  jsonNumber,
  neutraliseFormula,
  numberText,
  parseDate,
  parseDateTime,
  toBoolean,
  toNumber,
} from './cell-values.js';

describe('cell values', () => {
  it('turns ClickHouse datetimes into ISO 8601 UTC with milliseconds', () => {
    expect(isoDateTime('2026-11-28 10:00:00')).toBe('2026-11-28T10:00:00.000Z');
    expect(isoDateTime('2026-11-28 10:00:00.5')).toBe('2026-11-28T10:00:00.500Z');
    expect(isoDateTime('2026-11-28 10:00:00.123456')).toBe('2026-11-28T10:00:00.123Z');
    expect(isoDateTime('2026-11-28T10:00:00.123Z')).toBe('2026-11-28T10:00:00.123Z');
    expect(isoDateTime(new Date(Date.UTC(2026, 10, 28, 10)))).toBe('2026-11-28T10:00:00.000Z');
    expect(isoDateTime('yesterday')).toBeNull();
    expect(isoDateTime(1_700_000_000)).toBeNull();
  });

  it('parses datetimes and dates as UTC instants', () => {
    expect(parseDateTime('2026-11-28 10:00:00.250')).toEqual(new Date(Date.UTC(2026, 10, 28, 10, 0, 0, 250)));
    expect(parseDateTime('nope')).toBeNull();
    expect(parseDate('2024-02-29')).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(parseDate('2024-02-29 00:00:00')).toBeNull();
    expect(isoDate('2024-02-29')).toBe('2024-02-29');
    expect(isoDate(new Date(Date.UTC(2024, 1, 29, 23)))).toBe('2024-02-29');
  });

  it('reads booleans leniently', () => {
    expect([true, false, 1, 0, '1', '0', 'true', 'false', 'yes', 2].map(toBoolean)).toEqual([
      true, false, true, false, true, false, true, false, null, null,
    ]);
  });

  it('keeps numeric text verbatim and recognises non-finite spellings', () => {
    expect(numberText(42)).toBe('42');
    expect(numberText(-0.5)).toBe('-0.5');
    expect(numberText('18446744073709551615')).toBe('18446744073709551615');
    expect(numberText('-12.50')).toBe('-12.50');
    expect(numberText('nan')).toBe('nan');
    expect(numberText('-inf')).toBe('-inf');
    expect(numberText(10n)).toBe('10');
    expect(numberText('12abc')).toBeNull();
    expect(numberText('0x10')).toBeNull();
    expect(numberText(' 1')).toBeNull();
  });

  it('writes JSON numbers, null for non-finite values', () => {
    expect(jsonNumber(Number.NaN)).toBe('null');
    expect(jsonNumber('inf')).toBe('null');
    expect(jsonNumber('18446744073709551615')).toBe('18446744073709551615');
    expect(jsonNumber('01')).toBeNull(); // not JSON grammar
    expect(toNumber('18446744073709551615')).toBe(18446744073709551615);
    expect(toNumber('abc')).toBeNull();
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const t of ['=1+1', '+1', '-1', '@A1', '\tx', '\rx', '＝1', '＋1', '－1', '＠A1']) expect(neutraliseFormula(t)).toBe(`'${t}`);
    for (const t of ['', 'plain', ' =1', "'=1", '1-2', '\nx']) expect(neutraliseFormula(t)).toBe(t);
  });
});
