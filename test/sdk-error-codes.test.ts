/** The SDK's list of error codes covers every code the server defines (server/src/errors.ts). */
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../server/src/errors.js';
import { ERROR_CODES, isErrorCode, SERVER_ERROR_CODES } from '../sdk/src/errors.js';

describe('SDK error codes', () => {
  it('lists every server ErrorCode, and only knows listed codes', () => {
    for (const code of Object.values(ErrorCode)) expect(SERVER_ERROR_CODES).toContain(code);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(isErrorCode('NOT_FOUND')).toBe(true);
    expect(isErrorCode('NETWORK_ERROR')).toBe(true);
    expect(isErrorCode('SOMETHING_NEW')).toBe(false);
  });
});
