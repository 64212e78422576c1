/**
 * Whether the suite may run without Debian's real-client tools (poppler's pdftotext, LibreOffice,
 * Chromium), decided in one place.
 *
 * The suite needs nothing from the system: PDFs are read with pdfjs-dist and the browser tests fall
 * back to the npm Chromium (test/support/chromium-binary.ts). The system tools only add extra
 * checks, which a machine without them reports as skipped, saying why. CI runs the suite twice:
 * first with the tools `.ci/run` installs, where a missing tool is an error (so the extra checks
 * cannot silently disappear), then inside `.ci/without-system-tools` with
 * `REPORTCAST_SYSTEM_TOOLS=absent`, where they must be absent (so that run really proves a fresh
 * machine passes).
 */

export type SystemToolsExpectation = 'required' | 'absent' | 'optional';

/** What this run expects of the system tools: `REPORTCAST_SYSTEM_TOOLS`, else `required` in CI. */
export function systemToolsExpectation(env: NodeJS.ProcessEnv = process.env): SystemToolsExpectation {
  const declared = env.REPORTCAST_SYSTEM_TOOLS;
  if (declared === 'required' || declared === 'absent' || declared === 'optional') return declared;
  if (declared) throw new Error(`REPORTCAST_SYSTEM_TOOLS must be required, absent or optional, not ${JSON.stringify(declared)}`);
  return env.CI ? 'required' : 'optional';
}

/**
 * Throws when a system tool's presence contradicts what this run expects; call it at import time of
 * the test file (or support module) that uses the tool, so the whole file fails, not one test.
 */
export function checkSystemTool(tool: string, present: boolean, install: string, env: NodeJS.ProcessEnv = process.env): void {
  const expected = systemToolsExpectation(env);
  if (expected === 'required' && !present) {
    throw new Error(`${tool} is required in this run (CI without REPORTCAST_SYSTEM_TOOLS=absent) but missing: ${install}`);
  }
  if (expected === 'absent' && present) {
    throw new Error(`${tool} is present although REPORTCAST_SYSTEM_TOOLS=absent: run the suite through .ci/without-system-tools`);
  }
}
