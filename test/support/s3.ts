/** A real S3 API for tests: s3rver on a free port with a temporary directory. */
import S3rver from 's3rver';
import { createTempDir } from './databases.js';

export interface TestS3 {
  env: Record<string, string>;
  bucket: string;
  /** s3rver's data directory. */
  directory: string;
  close(): Promise<void>;
}

export async function startS3(bucket = 'reportcast-exports', otherBuckets: string[] = []): Promise<TestS3> {
  const dir = createTempDir('reportcast-s3-');
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory: dir.path, silent: true, configureBuckets: [bucket, ...otherBuckets].map((name) => ({ name })) });
  const address = await server.run();
  return {
    bucket,
    directory: dir.path,
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: `http://127.0.0.1:${address.port}`,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    close: async () => {
      await server.close();
      dir.remove();
    },
  };
}
