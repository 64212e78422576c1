import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, redact, registerSecret, scrubSecrets, type LogLevel } from './logger.js';

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

function captureLines(level: LogLevel, json = true) {
  const lines: string[] = [];
  return { lines, log: createLogger(level, json, (_l, line) => lines.push(line)) };
}

describe('redact', () => {
  it('hides bearer tokens, JWTs, SendGrid keys, link tokens and URL passwords', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJ0ZW5hbnQiOiJhY21lIn0.c2lnbmF0dXJlc2lnbmF0dXJl';
    expect(redact(`authorization: Bearer ${jwt}`)).toBe('authorization: Bearer [redacted]');
    expect(redact(`token ${jwt} refused`)).toBe('token [jwt redacted] refused');
    expect(redact('key SG.abcdefghijk.lmnopqrstuvwxyz used')).toBe('key [api key redacted] used');
    expect(redact('GET /exports/1/download?token=v1.abc.def&x=1')).toBe('GET /exports/1/download?token=[redacted]&x=1');
    expect(redact('GET /unsubscribe?token=u1.abc.def')).toBe('GET /unsubscribe?token=[redacted]');
    expect(redact('connect postgres://app:hunter2@db:5432/x failed')).toBe('connect postgres://app:[redacted]@db:5432/x failed');
    expect(redact('https://s3/b/k?X-Amz-Signature=abcdef&X-Amz-Credential=AKIA/1')).toBe('https://s3/b/k?X-Amz-Signature=[redacted]&X-Amz-Credential=[redacted]');
  });

  it('hides SQL text from ClickHouse and knex error messages, keeping the reason', () => {
    expect(redact("Code: 60. DB::Exception: Unknown table expression identifier 'r.device_metrics' in scope SELECT count() FROM r.device_metrics WHERE tenant_id = {t:String}"))
      .toBe("Code: 60. DB::Exception: Unknown table expression identifier 'r.device_metrics' in scope [SQL redacted]");
    expect(redact('select "r0".* from "reports" as "r0" where "r0"."id" = \'x\' - invalid input syntax for type uuid: "x"'))
      .toBe('[SQL redacted] - invalid input syntax for type uuid: "x"');
    expect(redact('export failed with status 500')).toBe('export failed with status 500');
  });

  it('hides registered secret values wherever they appear', () => {
    registerSecret('s3cr3t-value-registered-for-the-test');
    expect(redact('secret=s3cr3t-value-registered-for-the-test!')).toBe('secret=[secret redacted]!');
  });
});

describe('createLogger', () => {
  it('redacts messages and nested fields, and keeps JSON lines valid', () => {
    const { lines, log } = captureLines('info');
    log.error('request with Bearer abc.def failed', { error: 'in scope SELECT 1 FROM "x"', nested: { url: 'http://h/?token=abc' } });
    const parsed = JSON.parse(lines[0]!);
    expect(parsed.msg).toBe('request with Bearer [redacted] failed');
    expect(parsed.error).toBe('in scope [SQL redacted]');
    expect(parsed.nested.url).toBe('http://h/?token=[redacted]');
  });

  it('writes stack traces only at debug', () => {
    const info = captureLines('info');
    info.log.error('boom', { error: 'x', stack: 'Error: x\n    at f (file.ts:1:1)' });
    expect(info.lines[0]).not.toMatch(/stack|file\.ts/);
    const debug = captureLines('debug', false);
    debug.log.error('boom', { error: 'x', stack: 'Error: x\n    at f (file.ts:1:1)' });
    expect(debug.lines[0]).toMatch(/file\.ts/);
  });

  it('drops stack frames a library put into the message, except at debug', () => {
    const msg = 'Failed task 3 with error EmailSendError: 500\n      at toSendError (/srv/sendgrid-transport.ts:192:12)\n      at async doNext (worker.js:196:26) {"failure":true}';
    const info = captureLines('info', false);
    info.log.error(msg);
    expect(info.lines[0]).toBe('[error] Failed task 3 with error EmailSendError: 500 {"failure":true}');
    const debug = captureLines('debug', false);
    debug.log.error(msg);
    expect(debug.lines[0]).toMatch(/sendgrid-transport\.ts:192/);
  });
});
