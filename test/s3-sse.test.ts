/**
 * Issue 21, encrypted at rest: with S3_SSE every object Reportcast writes to S3 asks for
 * server-side encryption. Checked on the wire, by the proxy the S3 fault tests use
 * (support/s3-proxy.ts): every PutObject and every CreateMultipartUpload carries
 * `x-amz-server-side-encryption` (and, for aws:kms, the key id); every UploadPart belongs to an
 * upload created that way (S3 takes the encryption of a multipart upload at its creation; UploadPart
 * only carries customer-key SSE-C headers). Storage alone (a single PutObject and a multipart
 * upload), then the whole app: an export in every format.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ExportStorage } from '../server/src/platform/storage/s3-storage.js';
import { exportAndFollow, reportIdByName } from './support/exports.js';
import { startS3, type TestS3 } from './support/s3.js';
import { startS3Proxy, type ProxiedRequest, type S3Proxy } from './support/s3-proxy.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const KMS_KEY = 'alias/reportcast-exports';
let s3: TestS3;
let proxy: S3Proxy;

beforeAll(async () => {
  s3 = await startS3('reportcast-exports');
  proxy = await startS3Proxy(s3.env.S3_ENDPOINT!, s3.directory);
});
afterAll(async () => {
  await proxy?.close();
  await s3?.close();
});

const isCreateMultipart = (r: ProxiedRequest) => r.method === 'POST' && /[?&]uploads(=|&|$)/.test(r.url);
const isUploadPart = (r: ProxiedRequest) => r.method === 'PUT' && /[?&]uploadId=/.test(r.url);
const isPutObject = (r: ProxiedRequest) => r.method === 'PUT' && !/[?&]uploadId=/.test(r.url);

/** Every write in `requests` asks for `algorithm` (and `keyId`); returns how many of each kind there were. */
function expectEncryptedWrites(requests: ProxiedRequest[], algorithm: string, keyId: string | null) {
  const puts = requests.filter(isPutObject);
  const creates = requests.filter(isCreateMultipart);
  for (const r of [...puts, ...creates]) {
    expect(r.headers['x-amz-server-side-encryption'], `${r.method} ${r.url}`).toBe(algorithm);
    expect(r.headers['x-amz-server-side-encryption-aws-kms-key-id'] ?? null, `${r.method} ${r.url}`).toBe(keyId);
  }
  return { puts: puts.length, creates: creates.length, parts: requests.filter(isUploadPart).length };
}

describe('S3ExportStorage with S3_SSE', () => {
  it('asks for AES256 on a single PutObject and on the CreateMultipartUpload of a multipart upload', async () => {
    const storage = new S3ExportStorage({
      bucket: s3.bucket, region: 'us-east-1', endpoint: proxy.endpoint, forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, sse: { algorithm: 'AES256', kmsKeyId: null },
    });
    proxy.requests.length = 0;
    await storage.put('exports/t/small.csv', Readable.from([Buffer.from('a,b\r\n1,2\r\n')]), 'text/csv');
    // 9 MiB: more than one 8 MiB part, so lib-storage goes multipart.
    await storage.put('exports/t/large.csv', Readable.from((function* () { for (let i = 0; i < 9; i++) yield Buffer.alloc(1024 * 1024, 0x61); })()), 'text/csv');
    const counts = expectEncryptedWrites(proxy.requests, 'AES256', null);
    expect(counts).toEqual({ puts: 1, creates: 1, parts: 2 });
    // The parts belong to the upload that was created encrypted.
    const created = proxy.requests.find(isCreateMultipart)!;
    expect(created.url).toContain('large.csv');
    for (const part of proxy.requests.filter(isUploadPart)) expect(part.url).toContain('large.csv');
  });

  it('asks for nothing without S3_SSE (the bucket default applies)', async () => {
    const storage = new S3ExportStorage({
      bucket: s3.bucket, region: 'us-east-1', endpoint: proxy.endpoint, forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    proxy.requests.length = 0;
    await storage.put('exports/t/plain.csv', Readable.from([Buffer.from('x')]), 'text/csv');
    expect(proxy.requests.filter(isPutObject).map((r) => r.headers['x-amz-server-side-encryption'])).toEqual([undefined]);
  });
});

describe('the app with S3_SSE=aws:kms', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      seedRows: 2_000, worker: true,
      env: { ...s3.env, S3_ENDPOINT: proxy.endpoint, S3_SSE: 'aws:kms', S3_SSE_KMS_KEY_ID: KMS_KEY },
    });
  }, 120_000);
  afterAll(async () => app?.close());

  it('stores every export format with SSE-KMS and the configured key', async () => {
    const token = await app.token('acme', 'editor');
    const reportId = await reportIdByName(app, token, 'Usage Summary');
    proxy.requests.length = 0;
    for (const format of ['CSV', 'XLSX', 'JSON', 'PDF']) {
      const { final } = await exportAndFollow(app, token, { reportId, format });
      expect(final.status).toBe('COMPLETED');
    }
    const counts = expectEncryptedWrites(proxy.requests, 'aws:kms', KMS_KEY);
    expect(counts.puts + counts.creates).toBe(4);
  }, 120_000);
});
