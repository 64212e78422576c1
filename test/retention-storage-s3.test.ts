import 'reflect-metadata';
/**
 * Issue 21: retention deletes are verified on S3 (s3rver): after the sweep, the bucket is listed
 * with ListObjectsV2 (scenario: test/support/retention-sweep.ts).
 */
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startS3, type TestS3 } from './support/s3.js';
import { DAY, retentionSweepTests } from './support/retention-sweep.js';

let s3: TestS3;
let app: TestApp;
beforeAll(async () => {
  s3 = await startS3();
  app = await startTestApp({ worker: true, seedRows: 500, env: s3.env });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await s3?.close();
});

describe('the retention sweep on the S3 store', () => {
  retentionSweepTests({
    name: 's3',
    app: () => app,
    list: async () => {
      const client = new S3Client({ endpoint: s3.env.S3_ENDPOINT, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
      try {
        // (s3rver has no ListMultipartUploads: the sweep's abort of stale uploads is tested in faults-delivery.test.ts.)
        const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
        expect(listed.IsTruncated).toBeFalsy();
        return (listed.Contents ?? []).map((o) => o.Key!);
      } finally {
        client.destroy();
      }
    },
    // s3rver reports the object file's mtime on disk as its LastModified.
    age: (key, days) => {
      const t = new Date(Date.now() - days * DAY);
      const object = join(s3.directory, s3.bucket, `${key}._S3rver_object`);
      expect(statSync(object).isFile()).toBe(true);
      utimesSync(object, t, t);
    },
  });
});
