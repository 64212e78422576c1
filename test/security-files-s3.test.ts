/**
 * Issue 8, scenario 14 on S3 (s3rver): a report named like a path gives a safe object key and a
 * safe Content-Disposition on the presigned URL our link redirects to. (Disk storage: security-files.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createReport, downloadOk, exportAndFollow, expectSafeDisposition } from './support/exports.js';
import { startS3, type TestS3 } from './support/s3.js';

const TENANT = 'hostile';
const TRAVERSAL_NAMES = ['../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/shadow', 'report\r\nSet-Cookie: x=1', 'a"; filename="evil.exe', '\u202Egnp.exe'];

let s3: TestS3;
let s3app: TestApp;
beforeAll(async () => {
  s3 = await startS3();
  s3app = await startTestApp({ seedRows: 1_000, worker: true, env: s3.env });
});
afterAll(async () => {
  await s3app?.close();
  await s3?.close();
});

describe('14. path traversal in report names', () => {
  it('on S3: safe object keys and a safe Content-Disposition on the presigned URL the link redirects to', async () => {
    const token = await s3app.token(TENANT, 'editor');
    for (const name of TRAVERSAL_NAMES) {
      const reportId = await createReport(s3app, token, name, { source: 'usage_events', measures: [{ fn: 'COUNT' }] });
      const { id, final } = await exportAndFollow(s3app, token, { reportId, format: 'JSON' });
      expect(final.status).toBe('COMPLETED');
      expect(final.storageKey).toBe(`exports/${TENANT}/${id}.json`);
      // Our link (path by id only), redirecting to the object by its safe key.
      expect(new URL(final.downloadUrl).pathname).toBe(`/exports/${id}/download`);
      const redirect = await fetch(final.downloadUrl, { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      expect(new URL(redirect.headers.get('location')!).pathname).toBe(`/${s3.bucket}/exports/${TENANT}/${id}.json`);
      expectSafeDisposition((await downloadOk(final.downloadUrl)).headers.get('content-disposition'));
    }
    const client = new S3Client({ endpoint: s3.env.S3_ENDPOINT, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    expect(listed.Contents?.length).toBeGreaterThanOrEqual(5);
    for (const o of listed.Contents ?? []) expect(o.Key).toMatch(/^exports\/[a-z0-9_-]+\/[0-9a-f-]{36}\.(csv|xlsx|pdf|json|ndjson)$/);
  });
});
