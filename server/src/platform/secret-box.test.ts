import { describe, expect, it } from 'vitest';
import { SecretBox, SecretUnreadableError } from './secret-box.js';

const KEY = 'a3f9c2e17b4d58e6f0a1b2c3d4e5f60718293a4b';

describe('SecretBox (AES-256-GCM)', () => {
  it('opens what it sealed, in any script, and never holds the plaintext', () => {
    const box = new SecretBox(KEY);
    for (const secret of ['correct horse battery', 'пароль-東京-🚀-Zürich', 'x'.repeat(500)]) {
      const sealed = box.seal(secret, 'schedule:1');
      expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(sealed).not.toContain(secret);
      expect(Buffer.from(sealed.split('.')[3]!, 'base64url').toString('utf8')).not.toContain(secret);
      expect(box.open(sealed, 'schedule:1')).toBe(secret);
    }
  });

  it('seals the same secret differently each time (random IV)', () => {
    const box = new SecretBox(KEY);
    expect(box.seal('same password', 'c')).not.toBe(box.seal('same password', 'c'));
  });

  it('refuses another context, another key, and any altered part', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal('correct horse battery', 'schedule:1');
    expect(() => box.open(sealed, 'schedule:2')).toThrow(SecretUnreadableError);
    expect(() => new SecretBox(`${KEY}-other`).open(sealed, 'schedule:1')).toThrow(SecretUnreadableError);
    const parts = sealed.split('.');
    for (let i = 1; i < 4; i++) {
      const changed = [...parts];
      const bytes = Buffer.from(changed[i]!, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      changed[i] = bytes.toString('base64url');
      expect(() => box.open(changed.join('.'), 'schedule:1')).toThrow(SecretUnreadableError);
    }
    for (const bad of ['', 'v2.a.b.c', 'v1.a.b', `${sealed}.x`, 'plain text']) expect(() => box.open(bad, 'schedule:1')).toThrow(SecretUnreadableError);
  });

  it('wants a real key', () => {
    expect(() => new SecretBox('short')).toThrow(/32\+ characters/);
  });
});
