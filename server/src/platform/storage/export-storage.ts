/**
 * Where export files live: one interface, two real implementations (`FsExportStorage` under
 * `$DATA_DIR/exports`, `S3ExportStorage` for S3, MinIO, R2). Callers never build paths or URLs
 * themselves; they hand over a key such as `exports/<tenant>/<uuid>.csv` and a stream.
 *
 * Glossary
 * - key: the object's name, relative and '/'-separated; validated by `assertSafeKey` on every call
 *   so a key can never name something outside the store (no `..`, no absolute paths).
 * - partial: an upload in progress. Never visible under its key: the fs store writes a sibling
 *   `<key>.partial-<hex>` file and renames it on success; S3 only shows an object once the
 *   (multipart) upload completes.
 */
import type { Readable } from 'node:stream';

export interface StoredObject {
  size: number;
}

export interface PresignOptions {
  expiresInSeconds: number;
  /** The download's file name, used only when `contentDisposition` is empty. */
  fileName: string;
  /** The full Content-Disposition header value to serve (e.g. `attachment; filename=...`). */
  contentDisposition: string;
  contentType: string;
}

export interface ExportStorage {
  readonly kind: 'fs' | 's3';
  /**
   * Streams body to key. Nothing is visible under key until the upload completes: a failed or
   * aborted upload leaves nothing to serve. On abort it rejects with an error named `AbortError`;
   * on a body error, with the body's error. The body is destroyed when the upload does not finish.
   */
  put(key: string, body: Readable, contentType: string, signal?: AbortSignal): Promise<StoredObject>;
  /** For the fs store's download route; null when absent. The caller must consume or destroy the stream. */
  openRead(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** Idempotent: deleting a missing key succeeds. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** S3: a presigned GET URL (Content-Disposition and Content-Type overridden via response params); fs: null (the API signs its own route). */
  presignedGetUrl(key: string, options: PresignOptions): Promise<string | null>;
  /**
   * Keys under prefix (a plain string prefix, not necessarily a directory) last modified before
   * `before`, sorted. Used by retention cleanup; the fs store includes stale partial files so the
   * leftovers of crashed uploads are swept too.
   */
  listOlderThan(prefix: string, before: Date): Promise<string[]>;
  /**
   * S3: aborts multipart uploads under prefix started before `before` (an upload whose own abort
   * could not reach S3 leaves its parts, invisible but stored and billed). fs: nothing to do (its
   * partial files are listed by listOlderThan). Returns how many were aborted.
   */
  abortIncompleteUploads(prefix: string, before: Date): Promise<number>;
}

export class UnsafeStorageKeyError extends Error {
  constructor(readonly key: string, reason: string) {
    // The key is quoted through JSON so control characters in it cannot forge log lines.
    super(`Unsafe storage key ${JSON.stringify(key.slice(0, 80))}: ${reason}`);
    this.name = 'UnsafeStorageKeyError';
  }
}

export const MAX_KEY_LENGTH = 512;
const KEY_CHARS = /^[A-Za-z0-9._/-]+$/;

function keyProblem(key: unknown): string | null {
  if (typeof key !== 'string') return 'not a string';
  if (key.length === 0) return 'empty';
  if (key.length > MAX_KEY_LENGTH) return `longer than ${MAX_KEY_LENGTH} characters`;
  if (!KEY_CHARS.test(key)) return 'only A-Z a-z 0-9 . _ / - are allowed';
  if (key.startsWith('/')) return 'must be relative';
  for (const segment of key.split('/')) {
    // '..' could climb out of the root; '.' and '' would make fs and S3 disagree on the name.
    if (segment === '..' || segment === '.' || segment === '') return 'empty, "." or ".." segment';
  }
  return null;
}

/**
 * Keys like `exports/<tenant>/<uuid>.<ext>`: [A-Za-z0-9._/-] only, no '.', '..' or empty
 * segments, no leading '/', at most 512 characters. Throws `UnsafeStorageKeyError` otherwise.
 */
export function assertSafeKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) throw new UnsafeStorageKeyError(String(key), problem);
}

export function isSafeKey(key: string): boolean {
  return keyProblem(key) === null;
}

/** A listing prefix: '' (everything) or a safe key, optionally ending in '/'. */
export function assertSafePrefix(prefix: string): void {
  if (prefix === '') return;
  const problem = keyProblem(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
  if (problem) throw new UnsafeStorageKeyError(String(prefix), problem);
}

/** The error both stores reject with when their AbortSignal fires. */
export function abortError(signal: AbortSignal): Error {
  const error = new Error('Upload aborted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}
