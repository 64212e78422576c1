/** S3_SSE and S3_SSE_KMS_KEY_ID (issue 21): parsed once, refused when missing or inconsistent. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: '8f3b1c9e2a7d4f60b5e1c8a93d2f7e4b', DOWNLOAD_LINK_SECRET: 'c4e9a1f7b3d2086e5a9c1b7f3e2d4a68' };
const S3 = { S3_BUCKET: 'reportcast-exports' };

function rejected(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('S3 server-side encryption settings', () => {
  it('refuses to start in production with an S3 store and no S3_SSE, naming the variable and the way out', () => {
    const error = rejected({ ...PRODUCTION, ...S3 });
    expect(error.variable).toBe('S3_SSE');
    expect(error.message).toMatch(/S3_SSE: is required in production.*AES256.*aws:kms.*none/);
  });

  it('starts in production with S3_SSE=none only when it is said explicitly', () => {
    expect(loadConfig({ ...PRODUCTION, ...S3, S3_SSE: 'none' }).s3!.sse).toBeNull();
  });

  it('reads AES256, and aws:kms with its key', () => {
    expect(loadConfig({ ...PRODUCTION, ...S3, S3_SSE: 'AES256' }).s3!.sse).toEqual({ algorithm: 'AES256', kmsKeyId: null });
    const arn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(loadConfig({ ...PRODUCTION, ...S3, S3_SSE: 'aws:kms', S3_SSE_KMS_KEY_ID: arn }).s3!.sse).toEqual({ algorithm: 'aws:kms', kmsKeyId: arn });
    expect(loadConfig({ ...S3, S3_SSE: 'aws:kms', S3_SSE_KMS_KEY_ID: 'alias/reportcast' }).s3!.sse).toEqual({ algorithm: 'aws:kms', kmsKeyId: 'alias/reportcast' });
  });

  it('refuses inconsistent or malformed settings, in any mode', () => {
    expect(rejected({ ...S3, S3_SSE: 'aws:kms' }).variable).toBe('S3_SSE_KMS_KEY_ID');
    expect(rejected({ ...S3, S3_SSE: 'AES256', S3_SSE_KMS_KEY_ID: 'alias/x' }).variable).toBe('S3_SSE_KMS_KEY_ID');
    expect(rejected({ ...S3, S3_SSE: 'aes256' }).variable).toBe('S3_SSE');
    expect(rejected({ ...S3, S3_SSE: 'aws:kms', S3_SSE_KMS_KEY_ID: 'alias/x y' }).variable).toBe('S3_SSE_KMS_KEY_ID');
    expect(rejected({ S3_SSE: 'AES256' }).variable).toBe('S3_SSE');
  });

  it('needs nothing outside production, and nothing without S3', () => {
    expect(loadConfig({ ...S3 }).s3!.sse).toBeNull();
    expect(loadConfig({ ...PRODUCTION }).s3).toBeNull();
  });
});
