import { describe, it, expect } from 'vitest';
import { createWriter } from './create-writer.js';
import { COLUMNS, META, ROWS, collector } from './writer-test-kit.js';
import type { ExportFormat } from './writer.js';

async function produce(format: ExportFormat): Promise<Buffer> {
  const sink = collector();
  const writer = createWriter(format, { output: sink.output, columns: COLUMNS, meta: META, options: {} });
  await writer.write(ROWS);
  await writer.finish();
  return sink.bytes();
}

describe('createWriter', () => {
  it('dispatches each format to its writer', async () => {
    expect((await produce('CSV')).toString('utf8').startsWith('name,events,at,day,ok\r\n')).toBe(true);
    expect(JSON.parse((await produce('JSON')).toString('utf8'))).toHaveLength(ROWS.length);
    expect((await produce('XLSX')).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect((await produce('PDF')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('rejects an unknown format', () => {
    const sink = collector();
    expect(() => createWriter('DOCX' as ExportFormat, { output: sink.output, columns: COLUMNS, meta: META, options: {} })).toThrow(
      'No writer for export format DOCX',
    );
  });
});
