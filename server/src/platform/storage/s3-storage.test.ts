/**
 * The S3 store against a real S3 API: s3rver, started here on a free port with a temporary
 * directory. What s3rver does and does not check is noted where a test depends on it.
 */
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { S3ExportStorage, S3_PART_SIZE, S3_QUEUE_SIZE, type S3ExportStorageOptions } from './s3-storage.js';
import { generatedBody, MB, registerStorageContract, sha256Of } from './storage-contract.js';

const BUCKET = 'reportcast-test';
let server: S3rver;
let directory: string;
let endpoint: string;

function options(extra: Partial<S3ExportStorageOptions> = {}): S3ExportStorageOptions {
  return {
    bucket: BUCKET,
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    ...extra,
  };
}

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'reportcast-s3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: BUCKET }],
  });
  const address = await server.run();
  endpoint = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await server?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

registerStorageContract('s3 (s3rver)', () => new S3ExportStorage(options()));

function commandCounts(spy: { mock: { calls: unknown[][] } }) {
  const count = (type: abstract new (...args: never[]) => unknown) => spy.mock.calls.filter(([command]) => command instanceof type).length;
  return {
    put: count(PutObjectCommand),
    create: count(CreateMultipartUploadCommand),
    parts: count(UploadPartCommand),
    complete: count(CompleteMultipartUploadCommand),
  };
}

describe('S3ExportStorage', () => {
  const key = () => `exports/tenant-s3/${randomUUID()}.csv`;

  it('uploads 20 MB as a multipart upload of 3 parts', async () => {
    const storage = new S3ExportStorage(options());
    const send = vi.spyOn(storage.client, 'send');
    const body = generatedBody(20 * MB);
    const k = key();
    expect(await storage.put(k, body.stream, 'text/csv')).toEqual({ size: 20 * MB });
    expect(commandCounts(send)).toEqual({ put: 0, create: 1, parts: 3, complete: 1 });

    const head = await storage.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: k }));
    expect(head.ContentLength).toBe(20 * MB);
    expect(head.ContentType).toBe('text/csv');
    const opened = await storage.openRead(k);
    expect((await sha256Of(opened!.stream)).sha256).toBe(body.sha256());
    await storage.delete(k);
  });

  it('streams: reads the body only about (queueSize + 1) parts ahead of S3, 2 parts in flight at most', async () => {
    const storage = new S3ExportStorage(options());
    const body = generatedBody(48 * MB);
    let uploaded = 0;
    let maxAhead = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const original = storage.client.send.bind(storage.client) as (command: unknown) => Promise<unknown>;
    const watching = async (command: unknown): Promise<unknown> => {
      if (!(command instanceof UploadPartCommand)) return original(command);
      maxAhead = Math.max(maxAhead, body.produced() - uploaded);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        return await original(command);
      } finally {
        inFlight--;
        uploaded += (command.input.Body as Buffer).length;
      }
    };
    const send = vi.spyOn(storage.client, 'send').mockImplementation(watching as typeof storage.client.send);
    const k = key();
    expect(await storage.put(k, body.stream, 'text/csv')).toEqual({ size: 48 * MB });
    expect(commandCounts(send).parts).toBe(6);
    expect(maxInFlight).toBeLessThanOrEqual(S3_QUEUE_SIZE);
    // Never more than the parts being sent plus the one being filled (and stream buffers).
    expect(maxAhead).toBeLessThanOrEqual((S3_QUEUE_SIZE + 1) * S3_PART_SIZE + 1 * MB);
    expect(maxAhead).toBeLessThan(48 * MB - 8 * MB);
    await storage.delete(k);
  });

  it('uploads a body under one part with a single PutObject', async () => {
    const storage = new S3ExportStorage(options());
    const send = vi.spyOn(storage.client, 'send');
    const k = key();
    await storage.put(k, generatedBody(1 * MB).stream, 'text/csv');
    expect(commandCounts(send)).toEqual({ put: 1, create: 0, parts: 0, complete: 0 });
    await storage.delete(k);
  });

  /** Runs `onSend` just before each request leaves, then sends it for real. */
  function intercept(storage: S3ExportStorage, onSend: (command: unknown, count: ReturnType<typeof commandCounts>) => void) {
    const original = storage.client.send.bind(storage.client) as (command: unknown, options?: unknown) => Promise<unknown>;
    const spy = vi.spyOn(storage.client, 'send');
    spy.mockImplementation(((command: unknown, options?: unknown) => {
      onSend(command, commandCounts(spy));
      return original(command, options);
    }) as typeof storage.client.send);
    return spy;
  }

  it('abort while parts are in flight: cut at once, never completed, nothing visible', async () => {
    const storage = new S3ExportStorage(options());
    const controller = new AbortController();
    const spy = intercept(storage, (_command, count) => {
      if (count.parts === 2) controller.abort();
    });
    const body = generatedBody(400 * MB);
    const k = key();
    const started = Date.now();
    await expect(storage.put(k, body.stream, 'text/csv', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(body.stream.destroyed).toBe(true);
    expect(body.produced()).toBeLessThan(5 * S3_PART_SIZE);
    expect(commandCounts(spy)).toMatchObject({ create: 1, complete: 0 });
    expect(await storage.exists(k)).toBe(false);
  });

  it('abort racing CompleteMultipartUpload: the completed object is deleted again', async () => {
    const storage = new S3ExportStorage(options());
    const controller = new AbortController();
    const spy = intercept(storage, (command) => {
      if (command instanceof CompleteMultipartUploadCommand) controller.abort();
    });
    const k = key();
    await expect(storage.put(k, generatedBody(20 * MB).stream, 'text/csv', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(commandCounts(spy).complete).toBe(1);
    expect(spy.mock.calls.some(([c]) => c instanceof DeleteObjectCommand)).toBe(true);
    expect(await storage.exists(k)).toBe(false);
  });

  it('abort racing a single PutObject: the stored object is deleted again', async () => {
    const storage = new S3ExportStorage(options());
    const controller = new AbortController();
    const spy = intercept(storage, (command) => {
      if (command instanceof PutObjectCommand) controller.abort();
    });
    const k = key();
    await expect(storage.put(k, generatedBody(2 * MB).stream, 'text/csv', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(commandCounts(spy).put).toBe(1);
    expect(await storage.exists(k)).toBe(false);
  });

  it('presigned GET URL downloads with the requested headers, then expires', async () => {
    const storage = new S3ExportStorage(options());
    const k = key();
    const content = 'day,events\n2026-01-01,42\n';
    await storage.put(k, Readable.from([Buffer.from(content)]), 'application/octet-stream');
    const disposition = `attachment; filename="Usage - Summary.csv"; filename*=UTF-8''Usage%20%E2%80%94%20Summary.csv`;
    const presign = (expiresInSeconds: number) =>
      storage.presignedGetUrl(k, {
        expiresInSeconds,
        fileName: 'Usage — Summary.csv',
        contentDisposition: disposition,
        contentType: 'text/csv; charset=utf-8',
      });

    const url = await presign(3600);
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('3600');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(content);
    expect(response.headers.get('content-disposition')).toBe(disposition);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');

    const shortLived = await presign(1);
    expect(new URL(shortLived).searchParams.get('X-Amz-Expires')).toBe('1');
    expect((await fetch(shortLived)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await fetch(shortLived);
    // s3rver enforces X-Amz-Date + X-Amz-Expires (it does not verify the SigV4 signature itself).
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');

    await expect(presign(0)).rejects.toThrow(RangeError);
    await expect(presign(8 * 24 * 3600)).rejects.toThrow(RangeError);
    await storage.delete(k);
  });

  it('builds a Content-Disposition from the file name when none is given', async () => {
    const storage = new S3ExportStorage(options());
    const k = key();
    await storage.put(k, Readable.from([Buffer.from('x')]), 'text/csv');
    const url = await storage.presignedGetUrl(k, {
      expiresInSeconds: 60,
      fileName: 'Résumé "q1".csv',
      contentDisposition: '',
      contentType: 'text/csv',
    });
    const response = await fetch(url);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="R_sum_ _q1_.csv"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22q1%22.csv`,
    );
    await response.arrayBuffer();
    await storage.delete(k);
  });

  it('listOlderThan follows ListObjectsV2 pagination (simulated: s3rver cannot paginate on Node 17+)', async () => {
    // s3rver 3.7 makes continuation tokens with DES, which OpenSSL 3 only has in its legacy
    // provider: a truncated listing is a 500 there. So the pages here come from a stub.
    const storage = new S3ExportStorage(options({ listPageSize: 2 }));
    const old = new Date(Date.now() - 10 * 24 * 3600 * 1000);
    const recent = new Date();
    const pages = [
      { Contents: [{ Key: 'exports/t/1.csv', LastModified: old }, { Key: 'exports/t/2.csv', LastModified: recent }], IsTruncated: true, NextContinuationToken: 'page-2' },
      { Contents: [{ Key: 'exports/t/3.csv', LastModified: old }, { Key: 'exports/t/../evil', LastModified: old }], IsTruncated: true, NextContinuationToken: 'page-3' },
      { Contents: [{ Key: 'exports/t/0.csv', LastModified: old }], IsTruncated: false },
    ];
    const requests: { ContinuationToken?: string; MaxKeys?: number; Prefix?: string }[] = [];
    vi.spyOn(storage.client, 'send').mockImplementation((async (command: unknown) => {
      if (!(command instanceof ListObjectsV2Command)) throw new Error('unexpected command');
      requests.push(command.input);
      return pages[requests.length - 1];
    }) as typeof storage.client.send);
    const cutoff = new Date(Date.now() - 7 * 24 * 3600 * 1000);
    expect(await storage.listOlderThan('exports/t/', cutoff)).toEqual(['exports/t/0.csv', 'exports/t/1.csv', 'exports/t/3.csv']);
    expect(requests).toEqual([
      { Bucket: BUCKET, Prefix: 'exports/t/', MaxKeys: 2, ContinuationToken: undefined },
      { Bucket: BUCKET, Prefix: 'exports/t/', MaxKeys: 2, ContinuationToken: 'page-2' },
      { Bucket: BUCKET, Prefix: 'exports/t/', MaxKeys: 2, ContinuationToken: 'page-3' },
    ]);
  });
});
