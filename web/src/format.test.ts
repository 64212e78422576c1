import { describe, it, expect } from 'vitest';
import { canonicalLocale, formatBytes, formatDateTime, formatDuration, formatEta, formatNumber, formatPercent, formatRelativeTime, localeSample } from './format';

describe('formatNumber', () => {
  it('adds thousands separators', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(1234.5678)).toBe('1,234.57');
    expect(formatNumber('42')).toBe('42');
  });
  it('shows a dash for missing values', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
  });
  it('passes through non-numeric strings', () => {
    expect(formatNumber('abc')).toBe('abc');
  });
});

describe('formatBytes', () => {
  it('uses human units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB');
    expect(formatBytes(null)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('scales from ms to hours', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
  });
});

describe('formatEta', () => {
  it('describes time left', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(0.2)).toBe('about 1 s left');
    expect(formatEta(30)).toBe('about 30 s left');
    expect(formatEta(150)).toBe('about 3 min left');
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2026-03-09T12:00:00Z');
  it('reads past and future instants', () => {
    expect(formatRelativeTime('2026-03-09T11:59:50Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-03-09T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelativeTime('2026-03-09T15:00:00Z', now)).toBe('in 3 hours');
    expect(formatRelativeTime('2026-03-07T12:00:00Z', now)).toBe('2 days ago');
    expect(formatRelativeTime(null, now)).toBe('—');
    expect(formatRelativeTime('not a date', now)).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('formats in a given zone', () => {
    expect(formatDateTime('2026-03-09T14:05:00Z', 'UTC')).toBe('Mar 9, 2026, 14:05');
    expect(formatDateTime('2026-03-09T14:05:00Z', 'America/New_York')).toBe('Mar 9, 2026, 10:05');
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('formatPercent', () => {
  it('clamps and floors', () => {
    expect(formatPercent(99.9)).toBe('99%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(150)).toBe('100%');
    expect(formatPercent(null)).toBe('0%');
  });
});

describe('locales', () => {
  it('formats numbers for a locale, en-US by default', () => {
    expect(formatNumber(1234.5, 'de-DE')).toBe('1.234,5');
    expect(formatNumber(1234567, 'fr-FR')).toBe('1\u202f234\u202f567');
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatNumber(1234.5, 'not a tag')).toBe('1,234.5');
  });
  it('canonicalizes tags the way the server does', () => {
    expect(canonicalLocale('de-de')).toBe('de-DE');
    expect(canonicalLocale(' ja ')).toBe('ja');
    expect(canonicalLocale('de_DE')).toBeNull();
    expect(canonicalLocale('tlh')).toBeNull();
    expect(canonicalLocale('')).toBeNull();
  });
  it('shows a sample of a locale', () => {
    expect(localeSample('de-DE')).toBe('1.234,5 · 6. Dezember 2026');
    expect(localeSample('ja-JP')).toBe('1,234.5 · 2026年12月6日');
    expect(localeSample('??')).toBe('');
  });
});
