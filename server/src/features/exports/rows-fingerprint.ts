/**
 * A fingerprint of what a report said, not of the file that carried it: sha256 over the run's
 * parameters and then its rows in order, as they streamed from the store. Two runs with the same
 * fingerprint delivered the same report (onlyIfChanged), whatever the file's generation time.
 * The rows are hashed as they pass: as JS values on the writer path (each row canonical JSON, one
 * per line), or as the engine's CSV bytes on the engine path. The path is part of the hash, so a
 * run is only ever compared with runs that took the same path (the same format, the same columns).
 */
import { createHash, type Hash } from 'node:crypto';

export class RowsFingerprint {
  private readonly hash: Hash;

  constructor(parameters: unknown) {
    this.hash = createHash('sha256');
    this.hash.update(`reportcast-rows-v1\n${canonical(parameters)}\n`);
  }

  /** Rows as values (writer path). */
  rows(batch: unknown[][]): void {
    for (const row of batch) this.hash.update(`r${canonical(row)}\n`);
  }

  /** Data rows as the engine wrote them (engine CSV path). */
  bytes(chunk: Uint8Array): void {
    this.hash.update('b');
    this.hash.update(chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** JSON with sorted object keys, bigints as strings, dates as ISO instants: one text per value. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v instanceof Date) return v.toISOString();
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  }) ?? 'undefined';
}
