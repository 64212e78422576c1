import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, normalizeLocale, runLocale } from './run-locale.js';

describe('runLocale', () => {
  it('export option > schedule > report > en-US', () => {
    expect(runLocale({})).toBe(DEFAULT_LOCALE);
    expect(DEFAULT_LOCALE).toBe('en-US');
    expect(runLocale({ definitionLocale: 'de-DE' })).toBe('de-DE');
    expect(runLocale({ definitionLocale: 'de-DE', scheduleLocale: 'ja-JP' })).toBe('ja-JP');
    expect(runLocale({ definitionLocale: 'de-DE', scheduleLocale: null })).toBe('de-DE');
    expect(runLocale({ definitionLocale: 'de-DE', scheduleLocale: 'ja-JP', exportOverride: 'fr-FR' })).toBe('fr-FR');
    expect(runLocale({ definitionLocale: null, exportOverride: 'fr-FR' })).toBe('fr-FR');
  });
});

describe('normalizeLocale', () => {
  it.each([
    ['de-DE', 'de-DE'], ['de-de', 'de-DE'], ['  fr-FR ', 'fr-FR'], ['ja', 'ja'], ['EN-us', 'en-US'],
    ['zh-hant-tw', 'zh-Hant-TW'], ['sr-latn-rs', 'sr-Latn-RS'], ['en-US-u-nu-arab', 'en-US-u-nu-arab'], ['iw', 'he'],
  ])('accepts %j as %j', (input, name) => {
    expect(normalizeLocale(input)).toEqual({ ok: true, name });
  });

  it.each([
    ['', /empty/], ['   ', /empty/], ['de_DE', /not a BCP 47/], ['not a locale', /not a BCP 47/], ['12-34', /not a BCP 47/],
    ['tlh', /not supported/], ['xx-YY', /not supported/], ['x'.repeat(65), /too long/],
  ])('refuses %j', (input, message) => {
    const r = normalizeLocale(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('refuses non-strings', () => {
    expect(normalizeLocale(42)).toEqual({ ok: false, message: 'locale must be a string' });
    expect(normalizeLocale(['de-DE']).ok).toBe(false);
  });
});
