/**
 * Export files in S3 (or MinIO, R2, s3rver in tests).
 *
 * Uploads stream through lib-storage's multipart `Upload`: the body is cut into 8 MiB parts with at
 * most 2 in flight, so memory stays around (queueSize + 1) × partSize whatever the file size.
 * S3 itself gives the "nothing visible until complete" guarantee: parts are invisible until
 * CompleteMultipartUpload. The one gap is an abort that lands while the final PutObject or
 * CompleteMultipartUpload request is already in flight; `put` therefore waits for this upload's
 * requests to settle and deletes the key if one of them may have stored the object.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable, Transform, pipeline } from 'node:stream';
import {
  abortError,
  assertSafeKey,
  assertSafePrefix,
  isSafeKey,
  type ExportStorage,
  type PresignOptions,
  type StoredObject,
} from './export-storage.js';

export const S3_PART_SIZE = 8 * 1024 * 1024;
export const S3_QUEUE_SIZE = 2;
/** S3's own ceiling for presigned URLs (SigV4): one week. */
export const S3_MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

export interface S3ExportStorageOptions {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Absent: the SDK's default chain (env, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Page size for ListObjectsV2 (S3 caps it at 1000); smaller only to exercise pagination in tests. */
  listPageSize?: number;
  /**
   * Server-side encryption of every object written (S3_SSE): sent on PutObject and on
   * CreateMultipartUpload, which is where S3 takes it for a multipart upload (UploadPart only
   * carries customer-key SSE-C headers). Absent: the bucket's default.
   */
  sse?: { algorithm: 'AES256' | 'aws:kms'; kmsKeyId: string | null } | null;
}

type SendOptions = { abortSignal?: AbortSignal };
type Command = Parameters<S3Client['send']>[0];

/**
 * A view of the client for one Upload: it records every request the Upload makes, so `put` can
 * wait for them to settle after an abort, and it passes the abort signal to UploadPart requests so
 * they stop at once instead of finishing their 8 MiB (parts are invisible, cutting one is harmless).
 * PutObject, CompleteMultipartUpload and AbortMultipartUpload run to the end: whether they stored
 * something must be known, and a PutObject cut mid-body is not atomic on every S3 look-alike.
 */
class RequestTracker {
  readonly inFlight = new Set<Promise<unknown>>();
  mayHaveStored = false;

  constructor(private readonly client: S3Client, private readonly signal: AbortSignal) {}

  asClient(): S3Client {
    const send = (command: Command, options?: SendOptions): Promise<unknown> => {
      const cancellable = command instanceof UploadPartCommand;
      if (command instanceof PutObjectCommand || command instanceof CompleteMultipartUploadCommand) {
        this.mayHaveStored = true;
      }
      const request = this.client.send(command, cancellable ? { ...options, abortSignal: this.signal } : options);
      this.inFlight.add(request);
      const forget = () => this.inFlight.delete(request);
      request.then(forget, forget);
      return request;
    };
    // Upload only uses `send` and `config`; everything else stays on the real client.
    return { config: this.client.config, send } as unknown as S3Client;
  }

  /** Resolves once no request of this upload is pending (new ones may start while we wait). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** Marks a stream we destroyed ourselves, as opposed to a failing body. */
const TEARDOWN = new Error('upload stopped');

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

export class S3ExportStorage implements ExportStorage {
  readonly kind = 's3' as const;
  readonly bucket: string;
  /** Exposed for tests (spying on `send`) and for callers that need other S3 calls on the same bucket. */
  readonly client: S3Client;
  private readonly listPageSize: number;
  /** The SSE parameters every upload carries (lib-storage passes them to PutObject and CreateMultipartUpload alike). */
  private readonly encryption: { ServerSideEncryption?: 'AES256' | 'aws:kms'; SSEKMSKeyId?: string };

  constructor(options: S3ExportStorageOptions) {
    this.bucket = options.bucket;
    const sse = options.sse ?? null;
    this.encryption = sse ? { ServerSideEncryption: sse.algorithm, ...(sse.kmsKeyId ? { SSEKMSKeyId: sse.kmsKeyId } : {}) } : {};
    this.listPageSize = Math.min(1000, Math.max(1, options.listPageSize ?? 1000));
    const config: S3ClientConfig = {
      region: options.region,
      forcePathStyle: options.forcePathStyle ?? false,
      // Checksums only where S3 requires them: S3-compatible stores (older MinIO, R2, s3rver) do
      // not all understand the flexible-checksum headers newer SDKs send by default.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    if (options.endpoint) config.endpoint = options.endpoint;
    if (options.credentials) config.credentials = options.credentials;
    this.client = new S3Client(config);
  }

  async put(key: string, body: Readable, contentType: string, signal?: AbortSignal): Promise<StoredObject> {
    try {
      assertSafeKey(key);
    } catch (error) {
      body.destroy();
      throw error;
    }
    if (signal?.aborted) {
      body.destroy();
      throw abortError(signal);
    }
    // Counts bytes on the way through; also the stream we own, so destroying it on abort or failure
    // tears down the caller's body via pipeline.
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(null, chunk);
      },
    });
    // pipeline reports the first error: the body's own, or TEARDOWN when we stopped it ourselves.
    const piped = new Promise<unknown>((resolve) => pipeline(body, counter, resolve));
    counter.on('error', () => undefined); // reported through `piped`; never an uncaught 'error'
    const teardown = () => {
      if (!counter.destroyed) counter.destroy(TEARDOWN);
    };

    // Aborted when the caller aborts or the upload fails: stops in-flight part uploads.
    const local = new AbortController();
    const tracker = new RequestTracker(this.client, local.signal);
    const upload = new Upload({
      client: tracker.asClient(),
      params: { Bucket: this.bucket, Key: key, Body: counter, ContentType: contentType, ...this.encryption },
      partSize: S3_PART_SIZE,
      queueSize: S3_QUEUE_SIZE,
      leavePartsOnError: false,
    });
    const onAbort = () => {
      local.abort();
      teardown();
      void upload.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await upload.done();
      return { size };
    } catch (error) {
      local.abort();
      teardown();
      const bodyError = await piped;
      await tracker.settle();
      if (tracker.mayHaveStored) {
        // An abort raced the final request. Best effort: on failure retention cleanup sweeps it.
        await this.delete(key).catch(() => undefined);
      }
      if (signal?.aborted) throw abortError(signal);
      // The body's own error explains more than the S3 error that followed it (e.g. a 405 from a
      // store without AbortMultipartUpload).
      throw bodyError && bodyError !== TEARDOWN ? bodyError : error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async openRead(key: string): Promise<{ stream: Readable; size: number } | null> {
    assertSafeKey(key);
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const stream = result.Body;
      if (!(stream instanceof Readable)) throw new Error('S3 GetObject returned a non-stream body');
      return { stream, size: result.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    assertSafeKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async presignedGetUrl(key: string, options: PresignOptions): Promise<string> {
    assertSafeKey(key);
    const seconds = options.expiresInSeconds;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > S3_MAX_PRESIGN_SECONDS) {
      throw new RangeError(`expiresInSeconds must be an integer from 1 to ${S3_MAX_PRESIGN_SECONDS}`);
    }
    const disposition = options.contentDisposition || fallbackDisposition(options.fileName);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: disposition,
      ResponseContentType: options.contentType,
    });
    return getSignedUrl(this.client, command, { expiresIn: seconds });
  }

  async abortIncompleteUploads(prefix: string, before: Date): Promise<number> {
    assertSafePrefix(prefix);
    let aborted = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }));
      for (const upload of page.Uploads ?? []) {
        if (upload.Key && upload.UploadId && upload.Initiated && upload.Initiated < before) {
          await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: upload.Key, UploadId: upload.UploadId }));
          aborted++;
        }
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return aborted;
  }

  async listOlderThan(prefix: string, before: Date): Promise<string[]> {
    assertSafePrefix(prefix);
    const keys: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          MaxKeys: this.listPageSize,
          ContinuationToken: continuationToken,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key && object.LastModified && object.LastModified < before && isSafeKey(object.Key)) {
          keys.push(object.Key);
        }
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    return keys.sort();
  }
}

/** `attachment` with an ASCII-only `filename=` and the exact name in RFC 5987 `filename*=`. */
function fallbackDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
