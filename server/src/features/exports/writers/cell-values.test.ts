import { describe, it, expect } from 'vitest';
import {
  dateTimeMs,
  isoDate,
  jsonNumber,
  neutraliseFormula,
  numberText,
  parseDate,
  toBoolean,
  toNumber,
  zonedDateTimeText,
} from './cell-values.js';

describe('cell values', () => {
  it('reads ClickHouse datetimes as UTC instants, truncating sub-millisecond digits', () => {
    expect(dateTimeMs('2026-11-28 10:00:00')).toBe(Date.UTC(2026, 10, 28, 10));
    expect(dateTimeMs('2026-11-28 10:00:00.5')).toBe(Date.UTC(2026, 10, 28, 10, 0, 0, 500));
    expect(dateTimeMs('2026-11-28 10:00:00.123456')).toBe(Date.UTC(2026, 10, 28, 10, 0, 0, 123));
    expect(dateTimeMs('2026-11-28T10:00:00.12Z')).toBe(Date.UTC(2026, 10, 28, 10, 0, 0, 120));
    expect(dateTimeMs('1900-01-01 00:00:00')).toBe(Date.UTC(1900, 0, 1));
    expect(dateTimeMs('2024-02-29 23:59:59.999')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(new Date(dateTimeMs('0099-12-31 00:00:00')).toISOString()).toBe('0099-12-31T00:00:00.000Z');
    expect(dateTimeMs(new Date(Date.UTC(2026, 10, 28, 10)))).toBe(Date.UTC(2026, 10, 28, 10));
    // Not datetimes: other shapes, impossible fields (written as text by the writers), other types.
    for (const v of ['yesterday', '2026-11-28', '2026-11-28 10:00', '2026-13-01 00:00:00', '2026-02-29 00:00:00', '2026-04-31 00:00:00',
      '2026-11-28 24:00:00', '2026-11-28 10:60:00', '2026-11-28 10:00:00+09:00', 1_700_000_000, null, new Date(Number.NaN)]) {
      expect(dateTimeMs(v), String(v)).toBeNaN();
    }
  });

  it('shows a datetime as the wall time of the zone, local or with the offset', () => {
    expect(zonedDateTimeText('2026-11-29 16:30:00', 'Asia/Tokyo', 'LOCAL')).toBe('2026-11-30T01:30:00.000');
    expect(zonedDateTimeText('2026-11-29 16:30:00', 'Asia/Tokyo', 'ISO_OFFSET')).toBe('2026-11-30T01:30:00.000+09:00');
    expect(zonedDateTimeText('2026-12-06 19:59:53.912', 'UTC', 'ISO_OFFSET')).toBe('2026-12-06T19:59:53.912+00:00');
    expect(zonedDateTimeText('2026-11-01 05:30:00', 'America/New_York', 'ISO_OFFSET')).toBe('2026-11-01T01:30:00.000-04:00');
    expect(zonedDateTimeText('2026-11-01 06:30:00', 'America/New_York', 'ISO_OFFSET')).toBe('2026-11-01T01:30:00.000-05:00');
    expect(zonedDateTimeText('not a time', 'UTC', 'LOCAL')).toBeNull();
  });

  it('parses dates as calendar days (midnight UTC, no zone)', () => {
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
    for (const t of ['=1+1', '+1+1', '-1+2', '+cmd', '@SUM(A1)', '\tx', '\rx', '＝1', '＋1', '－1', '＠A1', '-', '+', '-.', '-e5', '-5e', '-5+cmd|x',
      '-1,5', '- 5', '-5 ', '-5\n', '-0x10', '-inf', '-Infinity', '-NaN', '-2026-12-06+1', '-2026-12-06 10:00', '-2026-12-06T10:00:00Zx',
      '-2026-12-06T10', '+2026-12-06T10:00:00+9', '-12/06/2026', '-１', '-5\u0000', '@', '=']) {
      expect(neutraliseFormula(t), JSON.stringify(t)).toBe(`'${t}`);
    }
  });

  it('leaves text alone that is data: plain text, signed numbers, signed ISO dates and date-times', () => {
    for (const t of ['', 'plain', ' =1', "'=1", '1-2', '\nx', '-5', '-12.5', '+3', '-.5', '-5.', '1e-7', '-1e-7', '-1.5E+10', '+0', '-007',
      '-2026-12-06', '+2026-12-06', '2026-12-06', '-2026-12-06T10:00', '-2026-12-06T10:00:00Z', '+2026-12-06T10:00:00.5+09:00',
      '-2026-12-06T10:00:00-0430', '-2026-12-06T10:00:00+05']) {
      expect(neutraliseFormula(t), JSON.stringify(t)).toBe(t);
    }
  });
});
