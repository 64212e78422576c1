/** Node helpers (`@reportcast/sdk/node`): Node streams and files from the web streams the SDK returns. */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import type { ReportcastClient } from './client.js';
import type { CompletedExport, ExportFormat } from './types.js';

/** A web ReadableStream (from `exports.download`) as a Node Readable. */
export function toNodeReadable(stream: ReadableStream<Uint8Array>): Readable {
  return Readable.fromWeb(stream as unknown as NodeWebReadableStream<Uint8Array>);
}

/** Downloads a COMPLETED export into `path`; resolves with the bytes written. */
export async function downloadToFile(client: ReportcastClient, exportId: string, path: string): Promise<number> {
  return writeStreamToFile(await client.exports.download(exportId), path);
}

/** Writes a web stream to a file; resolves with the bytes written. */
export async function writeStreamToFile(stream: ReadableStream<Uint8Array>, path: string): Promise<number> {
  const readable = toNodeReadable(stream);
  let bytes = 0;
  readable.on('data', (chunk: Buffer) => (bytes += chunk.length));
  await pipeline(readable, createWriteStream(path));
  return bytes;
}

/** Creates an export, follows it and writes its file to `path`; resolves with the completed export. */
export async function exportToFile(
  client: ReportcastClient,
  reportId: string,
  format: ExportFormat,
  path: string,
  options: Parameters<ReportcastClient['exports']['exportAndDownload']>[2] = {},
): Promise<CompletedExport> {
  const { export: done, stream } = await client.exports.exportAndDownload(reportId, format, options);
  await writeStreamToFile(stream, path);
  return done;
}
