import { describe, expect, it } from 'vitest';
import { canonicalAddress, checkAddress } from './address.js';

describe('checkAddress', () => {
  it.each([
    ['ana@example.com', 'ana@example.com', 'ana@example.com'],
    ['  Ana.Lopez+reports@Example.COM ', 'ana.lopez+reports@example.com', 'ana.lopez+reports@example.com'],
    ['o\'brien@x.co.uk', 'o\'brien@x.co.uk', 'o\'brien@x.co.uk'],
    ['info@bücher.de', 'info@bücher.de', 'info@xn--bcher-kva.de'],
    ['kontakt@BÜCHER.de', 'kontakt@bücher.de', 'kontakt@xn--bcher-kva.de'],
    ['sales@例え.jp', 'sales@例え.jp', 'sales@xn--r8jz45g.jp'],
    ['team@ελληνικά.gr', 'team@ελληνικά.gr', 'team@xn--hxargifdar.gr'],
    ['desk@пример.рф', 'desk@пример.рф', 'desk@xn--e1afmkfd.xn--p1ai'],
  ])('accepts %s, stored as %s and sent as %s', (raw, address, ascii) => {
    expect(checkAddress(raw)).toEqual({ ok: true, address, ascii });
  });

  it('stores one form however the domain was typed: decomposed, in capitals, or already in ASCII', () => {
    for (const typed of ['info@bu\u0308cher.de', 'INFO@BÜCHER.DE', 'info@xn--bcher-kva.de', 'Info@XN--BCHER-KVA.DE']) {
      expect(checkAddress(typed)).toEqual({ ok: true, address: 'info@bücher.de', ascii: 'info@xn--bcher-kva.de' });
      expect(canonicalAddress(typed)).toBe('info@bücher.de');
    }
    // A provider's event names the address as sent; it compares equal to the stored one.
    expect(canonicalAddress('sales@xn--r8jz45g.jp')).toBe(canonicalAddress('Sales@例え.jp'));
    expect(canonicalAddress(' Not An Address ')).toBe('not an address');
  });

  it.each(['θ@example.com', 'δοκιμή@παράδειγμα.gr', '用户@例子.广告', 'josé@example.com'])('refuses the non-ASCII local part of %s, saying why', (raw) => {
    const check = checkAddress(raw);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problem).toMatch(/outside ASCII before the @/);
  });

  it.each([
    '', 'plain', '@example.com', 'ana@', 'ana@example', 'ana@@example.com', 'ana@exa mple.com', 'a b@example.com',
    '"quoted"@example.com', 'ana.@example.com', '.ana@example.com', 'a..b@example.com', 'ana@[127.0.0.1]', 'ana@127.0.0.1',
    'ana@-bad.com', 'ana@bad-.com', 'Ana <ana@example.com>', 'ana@example.com, bo@example.com', 'ana@exa_mple.com',
    `${'a'.repeat(65)}@example.com`,
  ])('refuses %j', (raw) => {
    expect(checkAddress(raw).ok).toBe(false);
  });

  it('refuses an address over 254 characters once its domain is in ASCII', () => {
    // 30 characters typed, 48 in ASCII (xn--…) for each of 5 labels: 171 typed, 256 sent.
    const label = 'äöüéèêáàâíìîóòôúùûçñ'.split('').join('x').slice(0, 30);
    const raw = `abcdefgh@${[label, label, label, label, label].join('.')}.de`;
    expect(raw.length).toBeLessThan(200);
    const check = checkAddress(raw);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problem).toMatch(/254/);
  });
});
