import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, scrubSecrets } from './logger.js';

function capture() {
  const lines: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, sink };
}

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ0ZW5hbnQiOiJhY21lIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('createLogger (json)', () => {
  it('writes one JSON object per line with level, time, message and fields', () => {
    const { lines, sink } = capture();
    const log = createLogger('info', 'json', sink).child({ role: 'api' });
    log.debug('hidden');
    log.info('hello', { tenant: 'acme', durationMs: 12 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'hello', tenant: 'acme', durationMs: 12, role: 'api', pid: process.pid });
    expect(Date.parse(lines[0]!.time)).not.toBeNaN();
  });

  it('censors secret fields and scrubs tokens from every string', () => {
    const { lines, sink } = capture();
    const log = createLogger('debug', 'json', sink);
    log.warn(`auth failed for Bearer ${JWT}`, {
      authorization: `Bearer ${JWT}`,
      headers: { authorization: 'Bearer abc', cookie: 'sid=1' },
      config: { sendgridApiKey: 'SG.aaaaaaaaaaaa.bbbbbbbbbbbb', password: 'pw' },
      url: '/exports/1/download?token=abc.def&x=1',
      detail: `key SG.aaaaaaaaaaaa.bbbbbbbbbbbb and ${JWT}`,
      db: 'postgres://rc:hunter2@db:5432/rc',
    });
    const text = JSON.stringify(lines);
    for (const secret of [JWT, 'abc.def', 'SG.aaaaaaaaaaaa', 'hunter2', 'sid=1', '"pw"']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ msg: 'auth failed for Bearer [redacted]', authorization: '[redacted]', url: '/exports/1/download?token=[redacted]&x=1', db: 'postgres://rc:[redacted]@db:5432/rc' });
  });
});

describe('scrubSecrets', () => {
  it('leaves ordinary text alone', () => {
    for (const text of ['Reportcast is up: http://localhost:4000', 'Authorization must be "Bearer <token>"', 'export 7 completed in 120 ms']) {
      expect(scrubSecrets(text)).toBe(text);
    }
  });
});
