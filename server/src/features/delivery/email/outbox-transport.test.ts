import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReportEmail, type EmailMessage } from './message.js';
import { OutboxTransport, outboxFileName } from './outbox-transport.js';
import { EmailSendError } from './transport.js';

// --- A small, strict reader for what we write (no mail parser is installed) ----------------------

interface Part {
  headers: Map<string, string[]>;
  body: string;
}

function header(part: Part, name: string): string {
  const values = part.headers.get(name.toLowerCase());
  if (!values || values.length !== 1) throw new Error(`expected exactly one ${name} header, got ${values?.length ?? 0}`);
  return values[0]!;
}

/** Headers (unfolded, names lower-cased) and body of an entity; the body keeps its CRLFs. */
function parseEntity(raw: string): Part {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string[]>();
  for (const line of head.replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const m = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
    if (!m) throw new Error(`bad header line: ${JSON.stringify(line)}`);
    const name = m[1]!.toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), m[2]!]);
  }
  return { headers, body };
}

/** `type/sub; a="b"; c=d` → value and parameters, RFC 2231 sections joined and decoded. */
function parseParams(value: string): { value: string; params: Record<string, string> } {
  const [first, ...rest] = value.match(/(?:[^;"]|"(?:[^"\\]|\\.)*")+/g)!.map((s) => s.trim());
  const raw: Record<string, string> = {};
  for (const p of rest) {
    const m = /^([^=\s]+)=(.*)$/.exec(p);
    if (!m) throw new Error(`bad parameter ${p}`);
    const v = m[2]!;
    raw[m[1]!.toLowerCase()] = v.startsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;
  }
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (!k.includes('*')) params[k] = v;
  // name*=UTF-8''… or name*0*=UTF-8''…, name*1*=…
  const extended = new Map<string, Array<[number, string]>>();
  // RFC 2231 §4.1: a section ending in `*` is percent-encoded, one without is taken as written.
  for (const [k, v] of Object.entries(raw)) {
    const m = /^([^*]+)\*(?:(\d+)(\*?))?$/.exec(k);
    if (m) {
      const encoded = m[2] === undefined || m[3] === '*';
      extended.set(m[1]!, [...(extended.get(m[1]!) ?? []), [Number(m[2] ?? 0), encoded ? v : encodeURIComponent(v)]]);
    }
  }
  for (const [k, sections] of extended) {
    const joined = sections.sort((a, b) => a[0] - b[0]).map((s) => s[1]).join('');
    const m = /^UTF-8''(.*)$/i.exec(joined);
    if (!m) throw new Error(`bad extended parameter ${k}`);
    params[`${k}*`] = decodeURIComponent(m[1]!);
  }
  return { value: first!.toLowerCase(), params };
}

/**
 * RFC 2047: B and Q encoded words decoded, whitespace between adjacent ones dropped. Bytes of
 * adjacent words are joined before UTF-8 decoding: a word may not split a character (checked).
 */
function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/(?:=\?UTF-8\?[BQ]\?[^?\s]*\?=)+/gi, (run: string) => {
      const words = [...run.matchAll(/=\?UTF-8\?([BQ])\?([^?\s]*)\?=/gi)];
      for (const [word] of words) expect(word.length).toBeLessThanOrEqual(75);
      const chunks = words.map(([, kind, text]) =>
        kind!.toUpperCase() === 'B'
          ? Buffer.from(text!, 'base64')
          : Buffer.from(text!.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'),
      );
      // Each word decodes on its own to whole characters (no U+FFFD from a cut sequence).
      for (const chunk of chunks) expect(chunk.toString('utf8')).not.toContain('\uFFFD');
      return Buffer.concat(chunks).toString('utf8');
    });
}

/**
 * Body parts of a multipart entity. Strict: delimiters must be whole lines, the close delimiter
 * must come last (before an optional epilogue), and no part may contain the boundary.
 */
function parseMultipart(part: Part): Part[] {
  const { value, params } = parseParams(header(part, 'Content-Type'));
  expect(value).toMatch(/^multipart\//);
  const boundary = params.boundary!;
  expect(boundary.length).toBeGreaterThan(0);
  expect(boundary.length).toBeLessThanOrEqual(70);
  expect(boundary).toMatch(/^[0-9A-Za-z'()+_,\-./:=? ]*[0-9A-Za-z'()+_,\-./:=?]$/); // RFC 2046 bcharsnospace
  const lines = part.body.split('\r\n');
  const delimiters = lines.flatMap((l, i) => (l === `--${boundary}` ? [i] : []));
  const closes = lines.flatMap((l, i) => (l === `--${boundary}--` ? [i] : []));
  expect(closes).toHaveLength(1);
  expect(delimiters.length).toBeGreaterThan(0);
  expect(delimiters.every((i) => i < closes[0]!)).toBe(true);
  const ends = [...delimiters.slice(1), closes[0]!];
  return delimiters.map((start, k) => {
    const raw = lines.slice(start + 1, ends[k]).join('\r\n');
    expect(raw).not.toContain(boundary);
    return parseEntity(raw);
  });
}

function decodeQuotedPrintable(body: string): string {
  for (const line of body.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
  const joined = body.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=') {
      const hex = joined.slice(i + 1, i + 3);
      expect(hex).toMatch(/^[0-9A-F]{2}$/);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}

function decodeBase64Body(body: string): Buffer {
  const lines = body.split('\r\n').filter((l) => l !== '');
  for (const line of lines) expect(line).toMatch(/^[A-Za-z0-9+/=]{1,76}$/);
  return Buffer.from(lines.join(''), 'base64');
}

function bodyText(part: Part): string {
  const encoding = header(part, 'Content-Transfer-Encoding').toLowerCase();
  // Plain ASCII text short enough goes as 7bit; anything else quoted-printable.
  if (encoding === '7bit') {
    for (const line of part.body.split('\r\n')) expect(line).toMatch(/^[\x20-\x7E\t]{0,76}$/);
    return part.body.replace(/\r\n/g, '\n');
  }
  expect(encoding).toBe('quoted-printable');
  expect(parseParams(header(part, 'Content-Type')).params.charset?.toUpperCase()).toBe('UTF-8');
  return decodeQuotedPrintable(part.body);
}

// --- Tests ---------------------------------------------------------------------------------------

const NOW = new Date('2026-03-09T14:00:05.123Z');
// Bytes a text transform would damage: NUL, CR, LF alone, 8-bit, a would-be boundary line.
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\r\n', 'latin1'),
  Buffer.from([0, 13, 10, 10, 13, 0xff, 0xfe, 0x80]),
  Buffer.from('\r\n--not-a-boundary\r\n%%EOF\n'),
  Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256)),
]);

describe('OutboxTransport', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'reportcast-outbox-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function reportMessage(overrides: Partial<EmailMessage> = {}): EmailMessage {
    const m = renderReportEmail(
      {
        reportName: 'Résumé d’activité — Zürich <Q1>',
        scheduleName: 'Wöchentlich',
        tenantId: 'acme',
        periodLabel: '2026-03-02 09:00 → 2026-03-09 09:00 America/New_York',
        rowCount: 1000,
        totalRows: 4321,
        truncated: true,
        format: 'PDF',
        fileName: 'résumé d’activité_2026-03-09.pdf',
        fileSize: PDF.length,
        attachment: PDF,
        contentType: 'application/pdf',
        downloadUrl: null,
        linkExpiresAt: null,
        unsubscribeUrl: 'http://reports.test/unsubscribe?token=v1.abc.def',
        messageTemplate: 'Bonjour 👋 = équipe,\nvoici {report} for {period}.   \n' + 'long line '.repeat(30),
      },
      'Reportcast Berichte <reports@reportcast.test>',
      'Zoë Admin <admin@acme.example.com>',
      '3f0e8f7a-5b2c-4d7e-9a51-1c2b3d4e5f60',
    );
    return { ...m, ...overrides };
  }

  it('writes a well-formed .eml: headers, alternative text/html, the attachment byte for byte', async () => {
    const transport = new OutboxTransport(join(dir, 'outbox'), { now: () => NOW });
    expect(transport.kind).toBe('outbox');
    const message = reportMessage();
    const result = await transport.send(message);

    const files = readdirSync(join(dir, 'outbox'));
    expect(files).toEqual(['2026-03-09T14-00-05.123Z_3f0e8f7a-5b2c-4d7e-9a51-1c2b3d4e5f60.eml']);
    expect(result.location).toBe(join(dir, 'outbox', files[0]!));
    const raw = readFileSync(result.location!, 'latin1');

    // 7-bit, CRLF only, no line over 998 (headers over 78 only when a single word is that long).
    expect(raw).toMatch(/^[\x00-\x7F]*$/);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);

    const top = parseEntity(raw);
    const headLines = raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n');
    for (const line of headLines) expect(line.length, line).toBeLessThanOrEqual(78);

    expect(decodeHeader(header(top, 'Subject'))).toBe(message.subject);
    expect(message.subject).toBe('Résumé d’activité — Zürich <Q1> — 2026-03-02 09:00 → 2026-03-09 09:00 America/New_York');
    expect(header(top, 'Subject')).toMatch(/^=\?UTF-8\?[BQ]\?/);
    expect(decodeHeader(header(top, 'From'))).toBe('Reportcast Berichte <reports@reportcast.test>');
    expect(decodeHeader(header(top, 'To'))).toBe('Zoë Admin <admin@acme.example.com>');
    expect(header(top, 'Date')).toBe('Mon, 09 Mar 2026 14:00:05 +0000');
    expect(new Date(header(top, 'Date')).getTime()).toBe(Math.floor(NOW.getTime() / 1000) * 1000);
    expect(header(top, 'Message-ID')).toMatch(/^<[0-9a-f-]{36}@reportcast\.test>$/);
    expect(header(top, 'Message-ID')).toBe(`<${result.providerMessageId}>`);
    expect(header(top, 'MIME-Version')).toBe('1.0');
    expect(header(top, 'X-Reportcast-Delivery')).toBe('3f0e8f7a-5b2c-4d7e-9a51-1c2b3d4e5f60');
    expect(header(top, 'List-Unsubscribe')).toBe('<http://reports.test/unsubscribe?token=v1.abc.def>');
    // RFC 8058: the one-click POST body mail providers send.
    expect(header(top, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    const [alternative, attachment, ...more] = parseMultipart(top);
    expect(more).toHaveLength(0);
    expect(parseParams(header(top, 'Content-Type')).value).toBe('multipart/mixed');

    expect(parseParams(header(alternative!, 'Content-Type')).value).toBe('multipart/alternative');
    const [plain, html, ...extra] = parseMultipart(alternative!);
    expect(extra).toHaveLength(0);
    expect(parseParams(header(plain!, 'Content-Type')).value).toBe('text/plain');
    expect(parseParams(header(html!, 'Content-Type')).value).toBe('text/html');
    expect(bodyText(plain!)).toBe(message.text);
    expect(bodyText(html!)).toBe(message.html);
    expect(bodyText(plain!)).toContain('Showing 1,000 of 4,321 rows.');

    const type = parseParams(header(attachment!, 'Content-Type'));
    const disposition = parseParams(header(attachment!, 'Content-Disposition'));
    expect(type.value).toBe('application/pdf');
    // Readers without RFC 2231 take Content-Type's name (an encoded word); the others filename*.
    expect(decodeHeader(type.params.name!)).toBe('résumé d’activité_2026-03-09.pdf');
    expect(disposition.value).toBe('attachment');
    expect(disposition.params['filename*']).toBe('résumé d’activité_2026-03-09.pdf');
    expect(header(attachment!, 'Content-Transfer-Encoding')).toBe('base64');
    expect(decodeBase64Body(attachment!.body).equals(PDF)).toBe(true);

    // Nothing but the message is left behind (no temporary files).
    expect(readdirSync(join(dir, 'outbox'))).toHaveLength(1);
  });

  it('makes its directory when it is missing, also when it was removed between two messages', async () => {
    const outbox = join(dir, 'made-on-demand', 'outbox');
    const transport = new OutboxTransport(outbox, { now: () => NOW });
    const first = await transport.send(reportMessage());
    expect(readFileSync(first.location!, 'latin1')).toContain('Subject:');
    rmSync(join(dir, 'made-on-demand'), { recursive: true });
    const second = await transport.send(reportMessage({ deliveryId: 'second' }));
    expect(readdirSync(outbox)).toEqual([basename(second.location!)]);
  });

  it('writes a message without attachments, with plain ASCII headers as they are', async () => {
    const transport = new OutboxTransport(dir, { now: () => NOW });
    const result = await transport.send({
      from: 'reports@reportcast.test',
      to: 'owner@acme.example.com',
      subject: 'Scheduled report failed: Weekly',
      text: 'Reason: timeout',
      html: '<p>Reason: timeout</p>',
      attachments: [],
      deliveryId: 'failure-42',
    });
    const top = parseEntity(readFileSync(result.location!, 'utf8'));
    expect(header(top, 'Subject')).toBe('Scheduled report failed: Weekly');
    expect(header(top, 'From')).toBe('reports@reportcast.test');
    // No attachment: the message is the multipart/alternative itself.
    expect(parseParams(header(top, 'Content-Type')).value).toBe('multipart/alternative');
    expect(parseMultipart(top).map((p) => bodyText(p))).toEqual(['Reason: timeout', '<p>Reason: timeout</p>']);
  });

  it('keeps file names to safe characters and one file per send', async () => {
    expect(outboxFileName(NOW, '../../etc/passwd')).toBe('2026-03-09T14-00-05.123Z_etc_passwd.eml');
    expect(outboxFileName(NOW, 'a b/c:d\u0000e')).toBe('2026-03-09T14-00-05.123Z_a_b_c_d_e.eml');
    expect(outboxFileName(NOW, '')).toBe('2026-03-09T14-00-05.123Z_message.eml');
    let t = NOW.getTime();
    const transport = new OutboxTransport(dir, { now: () => new Date(t++) });
    await transport.send(reportMessage({ deliveryId: 'one' }));
    await transport.send(reportMessage({ deliveryId: 'two' }));
    expect(readdirSync(dir).sort()).toEqual(['2026-03-09T14-00-05.123Z_one.eml', '2026-03-09T14-00-05.124Z_two.eml']);
  });

  it('encodes a long non-ASCII subject as several short encoded words', async () => {
    const subject = 'Ünïcödé ✓ '.repeat(20).trim();
    const result = await new OutboxTransport(dir).send(reportMessage({ subject }));
    const raw = readFileSync(result.location!, 'utf8');
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    const subjectLines = /^Subject:.*(?:\r\n[ \t].*)*/m.exec(head)![0].split('\r\n');
    expect(subjectLines.length).toBeGreaterThan(3);
    for (const line of subjectLines) expect(line.length).toBeLessThanOrEqual(76);
    expect(decodeHeader(header(parseEntity(raw), 'Subject'))).toBe(subject);
  });

  it('refuses header injection and unusable addresses, permanently', async () => {
    const transport = new OutboxTransport(dir);
    for (const overrides of <Array<Partial<EmailMessage>>>[
      { to: 'a@b.test\r\nBcc: evil@x.test' },
      { subject: 'Hi\r\nBcc: evil@x.test' },
      { from: 'not an address' },
      { headers: { 'X-A': 'ok\r\nBcc: evil@x.test' } },
      { headers: { 'Content-Type': 'text/plain' } },
    ]) {
      const error = await transport.send(reportMessage(overrides)).then(() => null, (e: unknown) => e);
      expect(error, JSON.stringify(overrides)).toBeInstanceOf(EmailSendError);
      expect((error as EmailSendError).retryable).toBe(false);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails permanently when the outbox path is not a directory', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const error = await new OutboxTransport(file).send(reportMessage()).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(EmailSendError);
    expect((error as EmailSendError).retryable).toBe(false);
  });
});

/** A message composed as the outbox writes it, parsed back: top entity, text, html, the file. */
async function composed(overrides: Partial<EmailMessage>): Promise<{ raw: string; top: Part; text: string; html: string; file: Part | null }> {
  const { eml } = await new OutboxTransport('/tmp/unused').render(
    { from: 'r@reportcast.test', to: 'a@acme.test', subject: 'S', text: 't', html: '<p>h</p>', attachments: [], deliveryId: 'd', ...overrides },
    NOW,
  );
  expect(eml).toMatch(/^[\x00-\x7F]*$/);
  const top = parseEntity(eml);
  // Without attachments the message is the multipart/alternative itself.
  const [alternative, file] = overrides.attachments?.length ? parseMultipart(top) : [top, undefined];
  const [plain, html] = parseMultipart(alternative!);
  return { raw: eml, top, text: bodyText(plain!), html: bodyText(html!), file: file ?? null };
}

/** The file name of an attachment part as RFC 2231 readers (filename*) and older ones (name=) see it. */
function fileNames(part: Part): { rfc2231: string; legacy: string } {
  const disposition = parseParams(header(part, 'Content-Disposition'));
  const type = parseParams(header(part, 'Content-Type'));
  return { rfc2231: disposition.params['filename*'] ?? disposition.params.filename!, legacy: decodeHeader(type.params.name!) };
}

describe('MIME encoding (nodemailer composer), read back strictly', () => {
  it('quoted-printable round-trips text with =, trailing spaces, tabs, emoji and long lines', async () => {
    const text = 'a = b\ntrailing space   \ntab\t\n' + 'é'.repeat(100) + '\n' + 'x'.repeat(200) + '\n👋🏽 = done\n';
    const { raw, text: decoded, html } = await composed({ text, html: `<p>${text}</p>` });
    const body = raw.slice(raw.indexOf('\r\n\r\n'));
    for (const line of body.split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line).toMatch(/^[\x20-\x7E\t]*$/);
    }
    expect(decoded).toBe(text);
    expect(html).toBe(`<p>${text}</p>`);
  });

  it('encoded words stay short and never split a character, in every script', async () => {
    for (const subject of ['👋'.repeat(40), 'Ελληνικά και Кириллица ' .repeat(4).trim(), '東京の週次レポート'.repeat(5), 'تقرير أسبوعي '.repeat(6).trim()]) {
      const { raw, top } = await composed({ subject });
      const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
      for (const line of /^Subject:.*(?:\r\n[ \t].*)*/m.exec(head)![0].split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
      expect(decodeHeader(header(top, 'Subject'))).toBe(subject);
    }
  });

  it('long non-ASCII file names use RFC 2231 sections that decode back', async () => {
    const name = `${'Ü'.repeat(60)} 📊 report.pdf`;
    const { raw, file } = await composed({ attachments: [{ fileName: name, contentType: 'application/pdf', content: PDF }] });
    const disposition = /^Content-Disposition:.*(?:\r\n[ \t].*)*/m.exec(raw)![0];
    expect(disposition).toMatch(/filename\*0\*=utf-8''/i);
    expect(disposition.split('\r\n').length).toBeGreaterThan(3);
    for (const line of disposition.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(fileNames(file!)).toEqual({ rfc2231: name, legacy: name });
    expect(decodeBase64Body(file!.body).equals(PDF)).toBe(true);
    const plain = await composed({ attachments: [{ fileName: 'plain.pdf', contentType: 'application/pdf', content: PDF }] });
    expect(parseParams(header(plain.file!, 'Content-Disposition')).params).toEqual({ filename: 'plain.pdf' });
  });

  it('file names in every script (CJK, Cyrillic, Greek, Arabic, emoji, quotes) come out as they went in', async () => {
    for (const name of ['東京レポート_2026-12-06_20h26.pdf', 'Отчёт 🚀.csv', 'Αναφορά.xlsx', 'تقرير_أسبوعي.pdf', 'a"b\\c; d.csv', '한국어 보고서.zip']) {
      const { file } = await composed({ attachments: [{ fileName: name, contentType: 'application/octet-stream', content: Buffer.from('x') }] });
      expect(fileNames(file!), name).toEqual({ rfc2231: name, legacy: name });
    }
  });
});
