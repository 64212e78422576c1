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
    for (const name of ['', '   ', '🎉🎉', '日本語', '---', '..', '\r\n']) expect(slugify(name)).toBe('report');
    expect(exportFileName('', AT, 'UTC', 'csv')).toBe('report_2026-11-29_08h05.csv');
  });

  it('keeps emoji and CJK out while keeping the rest', () => {
    expect(slugify('Weekly 🎉 report 日本')).toBe('weekly-report');
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
    expect(fallback(emoji)).toBe('report_.csv');
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
 * Python's `email` package, a real RFC 2231/8187 parser: [filename (the ASCII fallback, what
 * get_filename() returns), filename* decoded]. Null when python3 is not on this machine.
 */
function parseWithPython(headers: string[]): [string, string][] | null {
  const script = [
    'import email, email.utils, json, sys',
    'out = []',
    'for h in json.load(sys.stdin):',
    '    m = email.message_from_string("Content-Disposition: " + h + "\\n\\n")',
    '    names = [email.utils.collapse_rfc2231_value(v) for k, v in m.get_params(header="content-disposition") if k == "filename"]',
    '    out.append([m.get_filename(), names[-1]])',
    'print(json.dumps(out))',
  ].join('\n');
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(headers), encoding: 'utf8' });
  if (r.error) return null;
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as [string, string][];
}
const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('download names in any script', () => {
  const STORED = 'x_2026-12-06_20h26.pdf';
  /** [report name, the name filename* must decode to, the ASCII fallback]. */
  const CASES: [string, string, string][] = [
    ['Usage Summary', 'Usage Summary_2026-12-06_20h26.pdf', 'Usage Summary_2026-12-06_20h26.pdf'],
    ['Rapport d’activité – été', 'Rapport d’activité – été_2026-12-06_20h26.pdf', "Rapport d'activite - ete_2026-12-06_20h26.pdf"],
    ['東京レポート', '東京レポート_2026-12-06_20h26.pdf', 'report_2026-12-06_20h26.pdf'],
    ['销售 Sales 2026', '销售 Sales 2026_2026-12-06_20h26.pdf', 'report_ Sales 2026_2026-12-06_20h26.pdf'],
    ['매출 보고서', '매출 보고서_2026-12-06_20h26.pdf', 'report_2026-12-06_20h26.pdf'],
    ['Ελληνικά', 'Ελληνικά_2026-12-06_20h26.pdf', 'report_2026-12-06_20h26.pdf'],
    ['Отчёт', 'Отчёт_2026-12-06_20h26.pdf', 'report_2026-12-06_20h26.pdf'],
    ['تقرير المبيعات', 'تقرير المبيعات_2026-12-06_20h26.pdf', 'report_2026-12-06_20h26.pdf'],
    ['דוח מכירות', 'דוח מכירות_2026-12-06_20h26.pdf', 'report_2026-12-06_20h26.pdf'],
    ['Launch 🚀 week', 'Launch 🚀 week_2026-12-06_20h26.pdf', 'Launch _ week_2026-12-06_20h26.pdf'],
    ['../../etc/passwd', '_._etc_passwd_2026-12-06_20h26.pdf', 'report_._etc_passwd_2026-12-06_20h26.pdf'],
    ['a"; filename="evil.exe', 'a"; filename="evil.exe_2026-12-06_20h26.pdf', 'a_ filename_evil.exe_2026-12-06_20h26.pdf'],
    ['He said "hi" \\o/', 'He said "hi" _o__2026-12-06_20h26.pdf', 'He said hi _o_2026-12-06_20h26.pdf'],
    ["it's (a) *test* 100%; x=y", "it's (a) *test* 100%; x=y_2026-12-06_20h26.pdf", "it's (a) _test_ 100_ x_y_2026-12-06_20h26.pdf"],
    // An RTL override would make `…fdp.exe` display as `…exe.pdf`: bidi controls are removed.
    ['invoice\u202Efdp.exe', 'invoice fdp.exe_2026-12-06_20h26.pdf', 'invoice fdp.exe_2026-12-06_20h26.pdf'],
    ['a\r\nSet-Cookie: x=1\u0000\u0007', 'a Set-Cookie: x=1_2026-12-06_20h26.pdf', 'a Set-Cookie_ x_1_2026-12-06_20h26.pdf'],
  ];

  it.each(CASES)('%j → a safe header', (name, unicode, ascii) => {
    const header = contentDisposition(STORED, displayFileName(STORED, name));
    expect(header).toMatch(/^[\x20-\x7E]+$/); // one header line, ASCII only
    expect(decodedStar(header)).toBe(unicode);
    expect(fallback(header)).toBe(ascii);
  });

  it('caps a very long name and keeps its time part and extension', () => {
    const header = contentDisposition(STORED, displayFileName(STORED, '東'.repeat(1000)));
    expect(decodedStar(header)).toBe(`${'東'.repeat(120)}_2026-12-06_20h26.pdf`);
    expect(fallback(header)).toBe('report_2026-12-06_20h26.pdf');
    expect(header.length).toBeLessThan(2000);
  });

  it.skipIf(!hasPython)(`Python's email parser reads back the Unicode name and the fallback${hasPython ? '' : ' (skipped: python3 is not installed)'}`, () => {
    const headers = CASES.map(([name]) => contentDisposition(STORED, displayFileName(STORED, name)));
    const parsed = parseWithPython(headers)!;
    expect(parsed).toEqual(CASES.map(([, unicode, ascii]) => [ascii, unicode]));
  });
});
