import { describe, expect, it } from 'vitest';
import { checkSystemTool, systemToolsExpectation } from './system-tools.js';

describe('system tools expectation', () => {
  it('is optional on a developer machine, required in CI, and what REPORTCAST_SYSTEM_TOOLS says when set', () => {
    expect(systemToolsExpectation({})).toBe('optional');
    expect(systemToolsExpectation({ CI: '1' })).toBe('required');
    expect(systemToolsExpectation({ CI: '1', REPORTCAST_SYSTEM_TOOLS: 'absent' })).toBe('absent');
    expect(systemToolsExpectation({ REPORTCAST_SYSTEM_TOOLS: 'required' })).toBe('required');
    expect(systemToolsExpectation({ CI: '1', REPORTCAST_SYSTEM_TOOLS: 'optional' })).toBe('optional');
    expect(() => systemToolsExpectation({ REPORTCAST_SYSTEM_TOOLS: 'none' })).toThrow(/required, absent or optional/);
  });

  it('fails a required tool that is missing and an absent one that is present, never an optional one', () => {
    const ci = { CI: '1' };
    const hidden = { CI: '1', REPORTCAST_SYSTEM_TOOLS: 'absent' };
    expect(() => checkSystemTool('pdftotext', false, 'apt-get install poppler-utils', ci)).toThrow(/pdftotext is required.*apt-get install poppler-utils/);
    expect(() => checkSystemTool('pdftotext', true, 'x', ci)).not.toThrow();
    expect(() => checkSystemTool('pdftotext', true, 'x', hidden)).toThrow(/present although REPORTCAST_SYSTEM_TOOLS=absent/);
    expect(() => checkSystemTool('pdftotext', false, 'x', hidden)).not.toThrow();
    for (const present of [true, false]) expect(() => checkSystemTool('pdftotext', present, 'x', {})).not.toThrow();
  });
});
