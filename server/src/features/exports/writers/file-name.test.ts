import { spawnSync } from 'node:child_process';
import { describe, it, expect } from 'vitest';
import { contentDisposition, displayFileName, exportFileName, fileTimePart, slugify } from './file-name.js';

const AT = new Date('2026-11-29T08:05:00Z');

/** What a browser does with filename*: percent-decode the UTF-8. */
function decodedStar(header: string): string {
  const m = /filename\*=UTF-8''([^;]*)$/.exec(header);
  if (!m) throw new Error(`no filename* in ${header}`);
  return decodeURIComponent(m[1]!);
}
function fallback(header: string): string {
  const m = /^attachment; filename="([^"]*)"; filename\*=/.exec(header);
  if (!m) throw new Error(`bad header ${header}`);
  return m[1]!;
}

describe('exportFileName', () => {
  it('is <slug>_<yyyy-mm-dd_HHhMM>.<ext> in the given time zone', () => {
    expect(exportFileName('Usage Summary', AT, 'Europe/Paris', 'csv')).toBe('usage-summary_2026-11-29_09h05.csv');
    expect(exportFileName('Usage Summary', AT, 'UTC', 'xlsx')).toBe('usage-summary_2026-11-29_08h05.xlsx');
    expect(exportFileName('R', AT, 'America/Los_Angeles', 'pdf')).toBe('r_2026-11-29_00h05.pdf');
    expect(exportFileName('R', new Date('2026-12-31T23:30:00Z'), 'Asia/Tokyo', 'json')).toBe('r_2027-01-01_08h30.json');
    // Midnight is 00, never 24.
    expect(exportFileName('R', new Date('2026-11-28T23:00:00Z'), 'Europe/Paris', 'csv')).toBe('r_2026-11-29_00h00.csv');
  });

  it('removes every path character', () => {
    for (const name of ['../../etc/passwd', 'a/b\\c', '..', '/', 'C:\\Windows\\system32', '%2e%2e%2f']) {
      const file = exportFileName(name, AT, 'UTC', 'csv');
      expect(file).toMatch(/^[a-z0-9-]+_\d{4}-\d{2}-\d{2}_\d{2}h\d{2}\.csv$/);
      expect(file.startsWith('-')).toBe(false);
    }
    expect(exportFileName('../../etc/passwd', AT, 'UTC', 'csv')).toBe('etc-passwd_2026-11-29_08h05.csv');
    expect(exportFileName('a/b\\c', AT, 'UTC', 'csv')).toBe('a-b-c_2026-11-29_08h05.csv');
  });

  it('transliterates accents and common letters to ASCII', () => {
    expect(slugify('Rapport d’activité – été')).toBe('rapport-d-activite-ete');
    expect(slugify('Straße Œuvre Ørsted Łódź')).toBe('strasse-oeuvre-orsted-lodz');
    expect(slugify('ＡＢＣ ﬁle')).toBe('abc-file'); // compatibility forms
    expect(slugify('e\u0301te\u0301')).toBe('ete'); // already decomposed
    expect(slugify('İstanbul')).toBe('istanbul');
  });

  it('falls back to "report" when nothing usable remains', () => {
    for (const name of ['', '   ', '---', '..', '\r\n', '\u202E\u2066', '\uFE0F\u200D']) expect(slugify(name)).toBe('report');
    expect(exportFileName('', AT, 'UTC', 'csv')).toBe('report_2026-11-29_08h05.csv');
  });

  it('transliterates every script and spells emoji (any-ascii)', () => {
    expect(slugify('東京レポート')).toBe('dongjingrepoto');
    expect(slugify('销售 Sales 2026')).toBe('xiaoshou-sales-2026');
    expect(slugify('매출 보고서')).toBe('maechul-bogoseo');
    expect(slugify('Ελληνικά')).toBe('ellinika');
    expect(slugify('Отчёт о продажах')).toBe('otchet-o-prodazhakh');
    expect(slugify('تقرير المبيعات')).toBe('tqryr-lmbyt');
    expect(slugify('דוח מכירות')).toBe('dvh-mkhyrvt');
    expect(slugify('Weekly 🎉 report 日本')).toBe('weekly-tada-report-riben');
    expect(slugify('🎉🎉')).toBe('tada-tada');
    expect(slugify('👩‍💻 team')).toBe('woman-computer-team');
    expect(exportFileName('東京レポート', AT, 'Asia/Tokyo', 'pdf')).toBe('dongjingrepoto_2026-11-29_17h05.pdf');
    // any-ascii's own punctuation is slugged like any other: ½ → 1/2, … → ...
    expect(slugify('½ … x')).toBe('1-2-x');
    // A huge name is cut before transliteration, and the slug still at 80.
    expect(slugify('東'.repeat(100_000))).toBe('dong'.repeat(20));
  });

  it('caps the slug at 80 characters without a trailing dash', () => {
    expect(slugify('x'.repeat(500))).toBe('x'.repeat(80));
    expect(slugify(`${'a'.repeat(79)} b`)).toBe('a'.repeat(79));
    expect(exportFileName('y'.repeat(1000), AT, 'UTC', 'csv')).toBe(`${'y'.repeat(80)}_2026-11-29_08h05.csv`);
  });

  it('cannot be used for header injection', () => {
    expect(exportFileName('a\r\nSet-Cookie: x=1', AT, 'UTC', 'csv')).toBe('a-set-cookie-x-1_2026-11-29_08h05.csv');
  });

  it('sanitises the extension too', () => {
    expect(exportFileName('R', AT, 'UTC', '../EXE')).toBe('r_2026-11-29_08h05.exe');
    expect(exportFileName('R', AT, 'UTC', '')).toBe('r_2026-11-29_08h05.bin');
  });

  it('rejects an unknown time zone', () => {
    expect(() => exportFileName('R', AT, 'Mars/Olympus', 'csv')).toThrow(RangeError);
  });
});

describe('contentDisposition', () => {
  it('offers an ASCII filename and the exact UTF-8 filename*', () => {
    expect(contentDisposition('usage-summary_2026-11-29_09h05.csv')).toBe(
      `attachment; filename="usage-summary_2026-11-29_09h05.csv"; filename*=UTF-8''usage-summary_2026-11-29_09h05.csv`,
    );
    const header = contentDisposition('Rapport d’activité – été.xlsx');
    expect(fallback(header)).toBe("Rapport d'activite - ete.xlsx");
    expect(decodedStar(header)).toBe('Rapport d’activité – été.xlsx');
  });

  it('uses displayName for filename* and its ASCII form for filename', () => {
    const header = contentDisposition('rapport_2026-11-29_09h05.xlsx', 'Rapport d’activité – été 2026.xlsx');
    expect(fallback(header)).toBe("Rapport d'activite - ete 2026.xlsx");
    expect(decodedStar(header)).toBe('Rapport d’activité – été 2026.xlsx');
  });

  it('percent-encodes per RFC 5987 (attr-char only)', () => {
    const header = contentDisposition("it's (a) *test* 100%.csv");
    expect(header.split("filename*=UTF-8''")[1]).toBe('it%27s%20%28a%29%20%2Atest%2A%20100%25.csv');
    expect(header.split("filename*=UTF-8''")[1]).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
  });

  it('removes quotes, backslashes and control characters from the fallback', () => {
    const header = contentDisposition('a"b\\c\u0000d\u007f.csv');
    expect(fallback(header)).toBe('ab_cd.csv');
    expect(decodedStar(header)).toBe('a"b_cd.csv');
  });

  it('cannot be split into two headers (CR/LF injection)', () => {
    const header = contentDisposition('x\r\nSet-Cookie: a=b.csv', 'y\r\nLocation: /evil');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^[\x20-\x7E]+$/);
    expect(decodedStar(header)).toBe('yLocation: _evil');
  });

  it('never names a path', () => {
    for (const name of ['../../etc/passwd', 'a/b\\c', '..', '/etc/', '.hidden']) {
      const header = contentDisposition(name);
      for (const part of [fallback(header), decodedStar(header)]) {
        expect(part).not.toMatch(/[/\\]/);
        expect(part.startsWith('.')).toBe(false);
      }
    }
  });

  it('handles emoji, empty names, lone surrogates and very long names', () => {
    const emoji = contentDisposition('🎉.csv');
    expect(fallback(emoji)).toBe('tada.csv');
    expect(decodedStar(emoji)).toBe('🎉.csv');
    expect(contentDisposition('')).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
    expect(contentDisposition('\r\n')).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
    expect(decodedStar(contentDisposition('\uD800bad.csv'))).toBe('\uFFFDbad.csv');
    const long = contentDisposition(`${'é'.repeat(500)}.csv`);
    expect(decodedStar(long)).toBe(`${'é'.repeat(196)}.csv`);
    expect(fallback(long)).toBe(`${'e'.repeat(196)}.csv`);
    expect(long).toMatch(/^[\x20-\x7E]+$/);
  });
});

describe('fileTimePart', () => {
  it('writes the time as 20h26, which cannot be read as a year', () => {
    expect(fileTimePart(new Date('2026-12-06T19:26:00Z'), 'Europe/Paris')).toBe('2026-12-06_20h26');
    expect(fileTimePart(new Date('2026-12-06T19:26:00Z'), 'Asia/Tokyo')).toBe('2026-12-07_04h26');
  });
});

/**
 * Content-Disposition as browsers read it (RFC 6266 section 4.3, as Chromium's and Firefox's parsers
 * do): `attachment`, then `; name=value` parameters, each a token or a quoted-string; `filename*`
 * (RFC 8187 `UTF-8''` + percent-encoded UTF-8, decoded strictly) wins over `filename`. Throws on
 * anything else, so a stray `;`, `=` or quote inside a name fails the test instead of being guessed.
 */
function parseLikeBrowser(header: string): { filename: string; filenameStar: string | undefined; chosen: string } {
  const TOKEN = /^[!#$%&'*+\-.^_`|~A-Za-z0-9]+/; // RFC 9110 tchar
  let rest = header;
  const type = TOKEN.exec(rest);
  if (type?.[0] !== 'attachment') throw new Error(`not an attachment: ${header}`);
  rest = rest.slice(type[0].length);
  const params = new Map<string, string>();
  while (rest !== '') {
    const m = /^; ([A-Za-z*]+)=/.exec(rest);
    if (!m) throw new Error(`bad parameter at ${JSON.stringify(rest)}`);
    rest = rest.slice(m[0].length);
    let value: string;
    if (rest.startsWith('"')) {
      const q = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
      if (!q) throw new Error(`unterminated quoted-string at ${JSON.stringify(rest)}`);
      value = q[1]!.replace(/\\(.)/g, '$1');
      rest = rest.slice(q[0].length);
    } else {
      const t = TOKEN.exec(rest);
      if (!t) throw new Error(`bad value at ${JSON.stringify(rest)}`);
      value = t[0];
      rest = rest.slice(t[0].length);
    }
    const name = m[1]!.toLowerCase();
    if (params.has(name)) throw new Error(`duplicate ${name}`);
    params.set(name, value);
  }
  const filename = params.get('filename');
  if (filename === undefined) throw new Error('no filename');
  const star = params.get('filename*');
  let filenameStar: string | undefined;
  if (star !== undefined) {
    const ext = /^UTF-8'[A-Za-z-]*'((?:%[0-9A-F]{2}|[!#$&+\-.^_`|~A-Za-z0-9])*)$/i.exec(star);
    if (!ext) throw new Error(`bad ext-value ${star}`);
    const bytes = Uint8Array.from(ext[1]!.match(/%[0-9A-F]{2}|./gi) ?? [], (p) => (p.length === 3 ? parseInt(p.slice(1), 16) : p.charCodeAt(0)));
    filenameStar = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  }
  return { filename, filenameStar, chosen: filenameStar ?? filename };
}

/**
 * Python's `email` package (3.x, policy.default: the RFC 2231 parser email.headerregistry uses), on
 * each header: [get_filename() of the header as sent, get_filename() of the same parameters with
 * `filename*` first, defects other than the duplicate name]. RFC 6266 (appendix D) puts `filename` first for old HTTP parsers, and
 * Python, like them, keeps the first of two parameters with one name; with `filename*` first
 * (the order the email attachments use, see delivery/email/mime.ts) it decodes the UTF-8 name.
 * Null when python3 is not on this machine.
 */
function parseWithPython(headers: string[]): [string, string, string[]][] | null {
  const script = [
    'import json, sys',
    'from email.message import EmailMessage',
    'from email import policy',
    'def read(h):',
    '    msg = EmailMessage(policy=policy.default)',
    "    msg['Content-Disposition'] = h",
    "    # The second parameter named filename is reported as a duplicate (that is the point); any",
    "    # other defect (bad quoting, bad RFC 2231 value) is a failure.",
    "    defects = [str(d) for d in msg['Content-Disposition'].defects if 'duplicate' not in str(d)]",
    '    return msg.get_filename(), defects',
    'out = []',
    'for h in json.load(sys.stdin):',
    "    kind, plain, star = h.split('; ')",
    '    as_sent, _ = read(h)',
    "    star_first, defects = read('; '.join([kind, star, plain]))",
    '    out.append([as_sent, star_first, defects])',
    'print(json.dumps(out))',
  ].join('\n');
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(headers), encoding: 'utf8' });
  if (r.error) return null;
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as [string, string, string[]][];
}
const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('download names in any script', () => {
  const STORED = 'x_2026-12-06_20h26.pdf';
  const TIME = '_2026-12-06_20h26.pdf';
  /** [report name, the name filename* must decode to, the ASCII fallback]. */
  const CASES: [string, string, string][] = [
    ['Usage Summary', `Usage Summary${TIME}`, `Usage Summary${TIME}`],
    ['Rapport d’activité – été', `Rapport d’activité – été${TIME}`, `Rapport d'activite - ete${TIME}`],
    ['東京レポート', `東京レポート${TIME}`, `DongJingrepoto${TIME}`],
    ['销售 Sales 2026', `销售 Sales 2026${TIME}`, `XiaoShou Sales 2026${TIME}`],
    ['매출 보고서', `매출 보고서${TIME}`, `MaeChul BoGoSeo${TIME}`],
    ['Ελληνικά', `Ελληνικά${TIME}`, `Ellinika${TIME}`],
    ['Отчёт о продажах', `Отчёт о продажах${TIME}`, `Otchet o prodazhakh${TIME}`],
    ['تقرير المبيعات', `تقرير المبيعات${TIME}`, `tqryr lmbyt${TIME}`],
    ['דוח מכירות', `דוח מכירות${TIME}`, `dvh mkhyrvt${TIME}`],
    ['Revenue עברית 2026 (Q1)', `Revenue עברית 2026 (Q1)${TIME}`, `Revenue 'vryt 2026 (Q1)${TIME}`],
    ['Launch 🚀 week', `Launch 🚀 week${TIME}`, `Launch rocket week${TIME}`],
    ['🎉', `🎉${TIME}`, `tada${TIME}`],
    ['👩‍💻 team', `👩‍💻 team${TIME}`, `woman computer team${TIME}`],
    ['../../etc/passwd', `_._etc_passwd${TIME}`, `report_._etc_passwd${TIME}`],
    ['.hidden', `hidden${TIME}`, `hidden${TIME}`],
    ['a"; filename="evil.exe', `a"; filename="evil.exe${TIME}`, `a_ filename_evil.exe${TIME}`],
    [';filename=evil', `;filename=evil${TIME}`, `report_filename_evil${TIME}`],
    ['He said "hi" \\o/', `He said "hi" _o_${TIME}`, `He said hi _o${TIME}`],
    ["it's (a) *test* 100%; x=y", `it's (a) *test* 100%; x=y${TIME}`, `it's (a) _test_ 100_ x_y${TIME}`],
    ['½ … 1/2', `½ … 1_2${TIME}`, `1_2 . 1_2${TIME}`],
    // An RTL override would make `…fdp.exe` display as `…exe.pdf`: bidi controls are removed.
    ['invoice\u202Efdp.exe', `invoice fdp.exe${TIME}`, `invoice fdp.exe${TIME}`],
    ['\u2067שלום\u2069\u200F.exe', `שלום .exe${TIME}`, `slvm .exe${TIME}`],
    ['a\r\nSet-Cookie: x=1\u0000\u0007', `a Set-Cookie: x=1${TIME}`, `a Set-Cookie_ x_1${TIME}`],
  ];

  it.each(CASES)('%j → a safe header', (name, unicode, ascii) => {
    const header = contentDisposition(STORED, displayFileName(STORED, name));
    expect(header).toMatch(/^[\x20-\x7E]+$/); // one header line, ASCII only
    // Nothing in the fallback a parser could take for syntax, no path, no leading dot.
    expect(fallback(header)).toMatch(/^[A-Za-z0-9 ._'()+,&!-]+$/);
    expect(fallback(header)).not.toMatch(/\.\.|^\./);
    expect(parseLikeBrowser(header)).toEqual({ filename: ascii, filenameStar: unicode, chosen: unicode });
    expect(unicode).not.toMatch(/[/\\\r\n\u202A-\u202E\u2066-\u2069\u200E\u200F]|^\./);
  });

  it('caps a very long name and keeps its time part and extension', () => {
    const header = contentDisposition(STORED, displayFileName(STORED, '東'.repeat(1000)));
    const parsed = parseLikeBrowser(header);
    expect(parsed.filenameStar).toBe(`${'東'.repeat(120)}${TIME}`);
    // 120 東 are 480 ASCII letters: cut to 200 characters with the time part and extension kept.
    expect(parsed.filename).toBe(`${'Dong'.repeat(44)}Don${TIME}`);
    expect(parsed.filename).toHaveLength(200);
    expect(header.length).toBeLessThan(2000);
  });

  it.skipIf(!hasPython)(`Python's email parser reads back the Unicode name and the fallback${hasPython ? '' : ' (skipped: python3 is not installed)'}`, () => {
    const names = [...CASES.map(([name]) => name), '東'.repeat(1000)];
    const headers = names.map((name) => contentDisposition(STORED, displayFileName(STORED, name)));
    const parsed = parseWithPython(headers)!;
    expect(parsed).toEqual(headers.map((h) => {
      const { filename, filenameStar } = parseLikeBrowser(h);
      return [filename, filenameStar, []];
    }));
    // And the expected values themselves, not only agreement between the two parsers.
    expect(parsed.slice(0, CASES.length).map(([plain, star]) => [star, plain])).toEqual(CASES.map(([, unicode, ascii]) => [unicode, ascii]));
  });
});
