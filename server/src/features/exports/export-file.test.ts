import { describe, expect, it } from 'vitest';
import { filterParams, planExportFile, type ExportFileInput } from './export-file.js';
import type { NormalizedDefinition } from '../reports/validate-definition.js';

const base: ExportFileInput = {
  tenantId: 'acme', id: '0b9f', format: 'CSV', options: {}, compression: null, passwordProtected: false,
  reportName: 'Usage Summary', asOf: new Date('2026-12-06T11:26:00Z'), timeZone: 'Asia/Tokyo', fileNameTemplate: null,
};
const definition = { filters: [{ field: 'region', op: 'IN', values: ['EU', 'US'] }, { field: 'platform', op: 'EQ', value: 'web' }] } as unknown as NormalizedDefinition;
const template = { scheduleName: 'Weekly', definition, window: { from: new Date('2026-11-29T15:00:00Z'), to: new Date('2026-12-06T15:00:00Z') } };

describe('planExportFile: the name, type, key and packaging decided before the first byte', () => {
  it.each<[Partial<ExportFileInput>, string, string, string, string]>([
    [{}, 'usage-summary_2026-12-06_20h26.csv', 'usage-summary_2026-12-06_20h26.csv', 'text/csv; charset=utf-8', 'exports/acme/0b9f.csv'],
    [{ compression: 'GZIP' }, 'usage-summary_2026-12-06_20h26.csv.gz', 'usage-summary_2026-12-06_20h26.csv', 'application/gzip', 'exports/acme/0b9f.csv.gz'],
    [{ compression: 'ZIP' }, 'usage-summary_2026-12-06_20h26.zip', 'usage-summary_2026-12-06_20h26.csv', 'application/zip', 'exports/acme/0b9f.zip'],
    [{ passwordProtected: true }, 'usage-summary_2026-12-06_20h26.zip', 'usage-summary_2026-12-06_20h26.csv', 'application/zip', 'exports/acme/0b9f.zip'],
    [{ format: 'JSON', options: { ndjson: true }, compression: 'GZIP' }, 'usage-summary_2026-12-06_20h26.ndjson.gz', 'usage-summary_2026-12-06_20h26.ndjson', 'application/gzip', 'exports/acme/0b9f.ndjson.gz'],
    [{ format: 'PDF', passwordProtected: true }, 'usage-summary_2026-12-06_20h26.pdf', 'usage-summary_2026-12-06_20h26.pdf', 'application/pdf', 'exports/acme/0b9f.pdf'],
    [{ format: 'XLSX', passwordProtected: true, compression: 'ZIP' }, 'usage-summary_2026-12-06_20h26.zip', 'usage-summary_2026-12-06_20h26.xlsx', 'application/zip', 'exports/acme/0b9f.zip'],
  ])('%j', (over, fileName, entryName, contentType, storageKey) => {
    const file = planExportFile({ ...base, ...over });
    expect(file).toMatchObject({ fileName, entryName, contentType, storageKey, templated: false });
  });

  it('a template names the file (in the run zone), the extension and packaging still ours', () => {
    const input = { ...base, fileNameTemplate: "{report} {param:region} {period_start:yyyy-MM-dd}_{run_at:HH'h'mm}" };
    expect(planExportFile(input, template)).toMatchObject({
      fileName: 'Usage Summary EU+US 2026-11-30_20h26.csv', entryName: 'Usage Summary EU+US 2026-11-30_20h26.csv', templated: true, storageKey: 'exports/acme/0b9f.csv',
    });
    expect(planExportFile({ ...input, compression: 'ZIP' }, template)).toMatchObject({ fileName: 'Usage Summary EU+US 2026-11-30_20h26.zip', entryName: 'Usage Summary EU+US 2026-11-30_20h26.csv' });
    expect(planExportFile({ ...input, fileNameTemplate: '{schedule}.csv' }, template).fileName).toBe('Weekly.csv.csv');
  });

  it('falls back to the default name when the template leaves nothing', () => {
    const file = planExportFile({ ...base, fileNameTemplate: '{param:missing}' }, template);
    expect(file).toMatchObject({ fileName: 'usage-summary_2026-12-06_20h26.csv', templated: false });
  });

  it('collects filter values by field for {param:NAME}', () => {
    expect(filterParams(definition)).toEqual({ region: ['EU', 'US'], platform: ['web'] });
    expect(filterParams({ filters: [] } as unknown as NormalizedDefinition)).toEqual({});
  });
});
