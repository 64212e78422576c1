/**
 * Text PostgreSQL can store. It refuses U+0000 in `text` and in `jsonb`. A lone UTF-16 surrogate
 * is worse: node-postgres encodes it as U+FFFD, so a text column silently stores something else,
 * while JSON.stringify writes it as a `\udXXX` escape that `jsonb` refuses, mid-transaction, after
 * the other statements of a request may have run. Both are refused where text enters the system
 * (GraphQL arguments in operation-limits.ts, token claims in tokens.ts), once, with the path of
 * the offending value, so nothing downstream has to care.
 */

/** In a `u` regex `\p{Cs}` matches only unpaired surrogates: a well-formed pair is one code point. */
const UNSTORABLE = /[\u0000\p{Cs}]/u;
const UNSTORABLE_ALL = /[\u0000\p{Cs}]/gu;

export interface UnstorableText {
  /** Dotted path from the root given: `input.definition.filters.0.value`. */
  path: string;
  message: string;
}

function hex(ch: string): string {
  return ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}

/** Why PostgreSQL cannot store this text, or null when it can. */
export function unstorableTextProblem(text: string): string | null {
  const m = UNSTORABLE.exec(text);
  if (!m) return null;
  return m[0] === '\u0000' ? 'contains a NUL (U+0000) character' : `contains a lone UTF-16 surrogate (U+${hex(m[0])})`;
}

/** A key shown in a path or message: the characters that cannot travel written as `\uXXXX`. */
export function printableKey(key: string): string {
  return key.replace(UNSTORABLE_ALL, (ch) => `\\u${hex(ch).toLowerCase()}`);
}

/**
 * Every string and every object key under `value` that PostgreSQL cannot store (at most `limit`),
 * walked without recursion so a deeply nested JSON value cannot overflow the stack or hide below
 * a depth cut-off.
 */
export function findUnstorableText(value: unknown, path: string, limit = 20): UnstorableText[] {
  const found: UnstorableText[] = [];
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length && found.length < limit) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = unstorableTextProblem(v);
      if (problem) found.push({ path: at, message: problem });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}.${i}`]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const here = `${at}.${printableKey(key)}`;
        const problem = unstorableTextProblem(key);
        if (problem) found.push({ path: here, message: `key ${problem}` });
        stack.push([child, here]);
      }
    }
  }
  return found.slice(0, limit);
}
