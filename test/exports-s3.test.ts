/**
 * Exports stored in S3 (s3rver, a real S3 API): the file is uploaded by the worker; the GraphQL
 * downloadUrl is our own expiring link, which audits the download and redirects to a presigned GET
 * that works for minutes only; deleting the export deletes the object.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startS3, type TestS3 } from './support/s3.js';
import { parseCsv } from './support/csv.js';
import { exportAndFollow, reportIdByName } from './support/exports.js';

let s3: TestS3;
let app: TestApp;

beforeAll(async () => {
  s3 = await startS3();
  app = await startTestApp({ seedRows: 20_000, worker: true, env: { ...s3.env, DOWNLOAD_LINK_TTL_SECONDS: '600' } });
});
afterAll(async () => {
  await app?.close();
  await s3?.close();
});

function client() {
  return new S3Client({
    endpoint: s3.env.S3_ENDPOINT, region: 'us-east-1', forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
}

describe('exports on S3', () => {
  it('uploads the file; its link audits each download and redirects to a short-lived presigned URL', async () => {
    const admin = await app.token('globex', 'admin');
    const reportId = await reportIdByName(app, admin, 'Usage Summary');
    const { id, final } = await exportAndFollow(app, admin, { reportId, format: 'CSV', options: { bom: true } });
    expect(final.status).toBe('COMPLETED');
    expect(final.storageKey).toBe(`exports/globex/${id}.csv`);
    const head = await client().send(new HeadObjectCommand({ Bucket: s3.bucket, Key: final.storageKey }));
    expect(head.ContentLength).toBe(final.fileSize);

    const url = new URL(final.downloadUrl);
    expect(url.origin).toBe(app.url);
    expect(url.pathname).toBe(`/exports/${id}/download`);
    expect(Date.parse(final.expiresAt) - Date.now()).toBeGreaterThan(590_000);
    const redirect = await fetch(final.downloadUrl, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('cache-control')).toBe('private, no-store');
    const presigned = new URL(redirect.headers.get('location')!);
    expect(presigned.origin).toBe(s3.env.S3_ENDPOINT);
    expect(presigned.pathname).toBe(`/${s3.bucket}/${final.storageKey}`);
    expect(presigned.searchParams.get('X-Amz-Expires')).toBe('300');
    const res = await fetch(final.downloadUrl); // follows the redirect
    expect(res.status).toBe(200);
    expect(res.url).toContain('X-Amz-Signature=');
    // The report's name with the stored name's time part (file-name.ts displayFileName).
    expect(res.headers.get('content-disposition')).toContain(`filename="${final.fileName.replace(/^[a-z0-9-]+_/, `${final.reportName}_`)}"`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // the BOM asked for
    const rows = parseCsv(body.toString('utf8'));
    expect(rows[0]).toEqual(['date', 'event_type', 'total_events', 'unique_users', 'unique_devices']);
    expect(rows.length - 1).toBe(final.rowCount);

    // Both requests of the link were downloads by this admin, in the audit log.
    const audit = await app.gql('{ auditLog(first: 100) { edges { node { actor action targetId } } } }', {}, admin);
    const downloads = audit.data!.auditLog.edges.map((e: any) => e.node).filter((e: any) => e.action === 'export.download' && e.targetId === id);
    expect(downloads).toHaveLength(2);
    expect(downloads.every((e: any) => e.actor === 'admin@globex')).toBe(true);

    expect((await app.gql('mutation($id: ID!) { deleteExport(id: $id) }', { id }, admin)).errors).toBeUndefined();
    // The link is dead once the export is gone, on our side (no redirect to a missing object).
    expect((await fetch(final.downloadUrl, { redirect: 'manual' })).status).toBe(404);
    await expect(client().send(new HeadObjectCommand({ Bucket: s3.bucket, Key: final.storageKey }))).rejects.toBeTruthy();
  });

  it('a gzip-compressed export is stored as <id>.csv.gz with application/gzip, and the presigned download says so', async () => {
    const admin = await app.token('globex', 'admin');
    const reportId = await reportIdByName(app, admin, 'Usage Summary');
    const { id, final } = await exportAndFollow(app, admin, { reportId, format: 'CSV', options: { compression: 'GZIP' } });
    expect(final.status).toBe('COMPLETED');
    expect(final.storageKey).toBe(`exports/globex/${id}.csv.gz`);
    expect(final.contentType).toBe('application/gzip');
    const head = await client().send(new HeadObjectCommand({ Bucket: s3.bucket, Key: final.storageKey }));
    expect(head.ContentType).toBe('application/gzip');
    const res = await fetch(final.downloadUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    expect(res.headers.get('content-disposition')).toMatch(/\.csv\.gz"; filename\*=UTF-8''.*\.csv\.gz$/);
    const rows = parseCsv(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8'));
    expect(rows[0]).toEqual(['date', 'event_type', 'total_events', 'unique_users', 'unique_devices']);
    expect(rows.length - 1).toBe(final.rowCount);
  });
});
