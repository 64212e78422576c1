import { describe, expect, it } from 'vitest';
import { FileNameTemplateError, MAX_TEMPLATE_LENGTH, parseFileNameTemplate, renderFileNameTemplate, templateParams, type FileNameTemplateValues } from './file-name-template.js';

// 2026-03-08 09:30:15 in New York is 13:30:15 UTC (EDT starts that morning at 02:00).
const values: FileNameTemplateValues = {
  reportName: 'Usage summary',
  scheduleName: 'Weekly EU',
  period: { from: new Date('2026-03-01T05:00:00Z'), to: new Date('2026-03-08T05:00:00Z') },
  runAt: new Date('2026-03-08T13:30:15Z'),
  timeZone: 'America/New_York',
  params: { region: ['EU', 'US'], country: ['DE'] },
};
const render = (template: string, over: Partial<FileNameTemplateValues> = {}) => renderFileNameTemplate(template, { ...values, ...over });

function problem(template: string): { token: string; message: string } {
  try {
    parseFileNameTemplate(template);
  } catch (error) {
    if (error instanceof FileNameTemplateError) return { token: error.token, message: error.message };
    throw error;
  }
  throw new Error(`expected ${template} to be refused`);
}

describe('renderFileNameTemplate: tokens', () => {
  it.each([
    ['{report}', 'Usage summary'],
    ['{schedule}', 'Weekly EU'],
    ['{report} - {schedule}', 'Usage summary - Weekly EU'],
    ['{period_start}', '2026-03-01'],
    ['{period_end}', '2026-03-08'],
    ['{period_start:yyyy-MM-dd}_{period_end:yyyy-MM-dd}', '2026-03-01_2026-03-08'],
    ['{period_start:dd.MM.yy}', '01.03.26'],
    // Names from date-fns: month and weekday in the run's zone (Sunday 8 March in New York).
    ["{run_at:EEE d MMM yyyy, 'Q'Q}", 'Sun 8 Mar 2026, Q1'],
    ['{run_at}', '2026-03-08_09h30'],
    ["{run_at:yyyy-MM-dd_HH'h'mm}", '2026-03-08_09h30'],
    ['{run_at:yyyyMMddHHmmss}', '20260308093015'],
    ["{run_at:HH'h'mm'm'ss's'}", '09h30m15s'],
    ["{run_at:yyyy''MM}", "2026'03"],
    ["{run_at:'week of' yyyy-MM-dd}", 'week of 2026-03-08'],
    ['{param:region}', 'EU+US'],
    ['sales_{param:country}_{period_start}', 'sales_DE_2026-03-01'],
    ['plain name', 'plain name'],
  ])('%s → %s', (template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it('formats dates in the run zone, not UTC', () => {
    expect(render('{run_at:yyyy-MM-dd HH:mm}'.replace(':mm', '.mm'))).toBe('2026-03-08 09.30');
    expect(render('{run_at:yyyy-MM-dd HH.mm}', { timeZone: 'Asia/Tokyo' })).toBe('2026-03-08 22.30');
    expect(render('{run_at:yyyy-MM-dd HH.mm}', { timeZone: 'UTC' })).toBe('2026-03-08 13.30');
    // Across the date line: still the 8th in New York, already the 9th in Kiritimati.
    expect(render('{run_at:dd}', { runAt: new Date('2026-03-08T23:00:00Z'), timeZone: 'Pacific/Kiritimati' })).toBe('09');
  });

  it('keeps every script of the names as it is', () => {
    expect(render('{report} {schedule}', { reportName: '東京レポート', scheduleName: 'Ελληνικά 🚀' })).toBe('東京レポート Ελληνικά 🚀');
    expect(render('{report}', { reportName: 'المبيعات' })).toBe('المبيعات');
  });

  it('leaves period tokens and missing params empty', () => {
    expect(render('{report} {period_start}{period_end}', { period: null })).toBe('Usage summary');
    expect(render('{report}_{param:missing}')).toBe('Usage summary_');
  });
});

describe('renderFileNameTemplate: safe by construction', () => {
  it('turns path separators in values into a single segment', () => {
    expect(render('{report}', { reportName: '../../etc/passwd' })).toBe('_._etc_passwd');
    expect(render('{param:region}', { params: { region: ['a/b', 'c\\d'] } })).toBe('a_b+c_d');
  });

  it('drops control and bidi characters, and reserved characters become _', () => {
    // A line break is white space (one space); NUL and the right-to-left override go.
    expect(render('{report}', { reportName: 'a\u0000b\nc\u202Efdp.exe' })).toBe('ab cfdp.exe');
    expect(render('{report}', { reportName: 'what? <now>: "x" | y*' })).toBe('what_ _now__ _x_ _ y_');
  });

  it('never starts with a dot nor ends with one', () => {
    expect(render('{report}', { reportName: '.hidden' })).toBe('hidden');
    expect(render('{report}', { reportName: '...' })).toBe('');
    expect(render('{report}.', { reportName: 'x' })).toBe('x');
  });

  it('bounds the length', () => {
    const name = render('{report}{report}', { reportName: '東'.repeat(200) });
    expect(Array.from(name)).toHaveLength(150);
  });

  it('gives "" when nothing usable is left, so the caller falls back to the default name', () => {
    expect(render('{param:missing}')).toBe('');
  });
});

describe('parseFileNameTemplate: refused at save time, naming the token', () => {
  it.each([
    ['{date}', '{date}', /unknown token \{date\}/],
    ['{report}_{Report}', '{Report}', /unknown token/],
    ['{report:upper}', '{report:upper}', /takes no argument/],
    ['{run_at:yyyy-MM-dd hh}', '{run_at:yyyy-MM-dd hh}', /unknown date pattern letters "hh"/],
    ['{period_start:YYYY}', '{period_start:YYYY}', /"YYYY"/],
    ['{run_at:HHh}', '{run_at:HHh}', /"h"/],
    ["{run_at:HH'h}", "{run_at:HH'h}", /unclosed quote/],
    ['{run_at:}', '{run_at:}', /empty date pattern/],
    ['{param}', '{param}', /give a field name/],
    ['{param:}', '{param:}', /give a field name/],
    ['{param:a-b}', '{param:a-b}', /give a field name/],
    ['{report', '{report', /unclosed/],
    ['{report {schedule}', '{report ', /unclosed/],
    ['report}', '}', /without its/],
    ['a/{report}', 'a/', /path separators/],
    ['a\\b', 'a\\b', /path separators/],
    ['a\u0007b', 'a\u0007b', /control characters/],
    ['   ', '', /empty/],
  ])('%j', (template, token, message) => {
    const p = problem(template);
    expect(p.token).toBe(token);
    expect(p.message).toMatch(message);
  });

  it('refuses templates over the length limit', () => {
    expect(problem('x'.repeat(MAX_TEMPLATE_LENGTH + 1)).message).toMatch(/at most 300/);
    expect(() => parseFileNameTemplate('x'.repeat(MAX_TEMPLATE_LENGTH))).not.toThrow();
  });

  it('lists the params a template reads, once each', () => {
    expect(templateParams('{param:region}-{report}-{param:country}-{param:region}')).toEqual(['region', 'country']);
    expect(templateParams('{report}')).toEqual([]);
  });
});
