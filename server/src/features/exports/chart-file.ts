/**
 * A run's chart image kept beside its export's file, for destinations that show an image by URL
 * (a Teams Adaptive Card's `Image` takes an HTTPS URL, not the PNG: a real chart does not fit in a
 * Teams message). The PNG is the one the email inlines (charts/chart-image.service.ts), stored once
 * under `<file key>.chart.png` when the first such delivery is prepared and reused by the others.
 *
 * It lives exactly as long as the file: retention and deleteExport remove both (export-cleanup.ts,
 * retention.service.ts, export.service.ts), and `GET /exports/:id/chart.png?token=…`
 * (chart-image.route.ts) answers 404 once the file is gone. Its token is a download token signed
 * for the `chart` purpose (download-token.ts), valid until the file's retention ends, and never
 * good for the file itself.
 */
import { Readable } from 'node:stream';
import type { ExportStorage } from '../../platform/storage/export-storage.js';
import { signDownloadToken } from './download-token.js';

const SUFFIX = '.chart.png';

/** The chart's storage key beside the file's. */
export function chartKeyOf(fileKey: string): string {
  return `${fileKey}${SUFFIX}`;
}

/** The file's key when `key` is a chart's; null otherwise. */
export function fileKeyOfChart(key: string): string | null {
  return key.endsWith(SUFFIX) && key.length > SUFFIX.length ? key.slice(0, -SUFFIX.length) : null;
}

/** Until when the file is kept: its completion plus the retention days (the sweep may remove it a little later, never sooner). */
export function fileKeptUntil(completedAt: Date, retentionDays: number): Date {
  return new Date(completedAt.getTime() + retentionDays * 86_400_000);
}

/** Stores the PNG beside the file unless it is already there. */
export async function storeChartPng(storage: ExportStorage, fileKey: string, png: Buffer): Promise<string> {
  const key = chartKeyOf(fileKey);
  if (!(await storage.exists(key))) await storage.put(key, Readable.from([png]), 'image/png');
  return key;
}

/** The chart's public URL: our route with a `chart` token for this export, expiring with its file. */
export function chartImageUrl(baseUrl: string, secret: string, claims: { exportId: string; tenantId: string; expiresAt: Date }): string {
  return `${baseUrl}/exports/${claims.exportId}/chart.png?token=${encodeURIComponent(signDownloadToken(secret, claims, 'chart'))}`;
}
