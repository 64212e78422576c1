/**
 * What file an export becomes, decided before its first byte: the name it downloads and is
 * attached as, the name of the file inside a ZIP, its Content-Type, the extension it is stored
 * under, and its packaging (writers/packaging.ts). The download route, storage keys, S3 delivery
 * keys and email attachments all read the result from the export record, so they agree.
 *
 * Names: `<slug>_<yyyy-mm-dd_HHhMM>.<ext>` (file-name.ts), or the schedule's file-name template
 * rendered for the run (file-name-template.ts) followed by the extension; then the packaging's
 * (`.csv.gz`, `.zip`). The ZIP's entry keeps the unpackaged name (`name.zip` holds `name.csv`).
 * Pure.
 */
import type { NormalizedDefinition } from '../reports/validate-definition.js';
import type { Compression, Packaging } from './writers/packaging.js';
import { packagedContentType, packagedExtension, packagedFileName, packagingOf } from './writers/packaging.js';
import { exportFileName } from './writers/file-name.js';
import { renderFileNameTemplate } from './writers/file-name-template.js';
import { CONTENT_TYPES, EXTENSIONS, type ExportFormat } from './writers/writer.js';

export interface ExportFileInput {
  tenantId: string;
  id: string;
  format: ExportFormat;
  options: { ndjson?: boolean };
  compression: Compression | null;
  passwordProtected: boolean;
  reportName: string;
  asOf: Date;
  timeZone: string;
  fileNameTemplate: string | null;
}

export interface ExportFile {
  /** The name the file downloads and is attached as (`usage_2026-12-06_20h26.csv.gz`, `Sales EU.zip`). */
  fileName: string;
  /** The name of the file inside a ZIP (`usage_2026-12-06_20h26.csv`); the format writer's own name. */
  entryName: string;
  /** True when the name came from a template: it is offered as it is, not rebuilt from the report name. */
  templated: boolean;
  contentType: string;
  /** Where storage keeps it: `exports/<tenant>/<id>.<ext>` (`csv.gz`, `zip`, …). */
  storageKey: string;
  packaging: Packaging;
}

/** The format's own extension: `ndjson` for newline-delimited JSON. */
function formatExtension(format: ExportFormat, ndjson: boolean | undefined): string {
  return format === 'JSON' && ndjson ? 'ndjson' : EXTENSIONS[format];
}

function formatContentType(format: ExportFormat, ndjson: boolean | undefined): string {
  return format === 'JSON' && ndjson ? 'application/x-ndjson; charset=utf-8' : CONTENT_TYPES[format];
}

export interface TemplateContext {
  scheduleName: string;
  definition: NormalizedDefinition;
  window: { from: Date; to: Date } | null;
}

/** `{param:NAME}`'s values: what the definition filters each field on. */
export function filterParams(definition: Pick<NormalizedDefinition, 'filters'>): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  for (const f of definition.filters) {
    const values = f.values ? f.values.map(String) : f.value != null ? [String(f.value)] : [];
    (params[f.field] ??= []).push(...values);
  }
  return params;
}

export function planExportFile(e: ExportFileInput, template: TemplateContext | null = null): ExportFile {
  const ext = formatExtension(e.format, e.options.ndjson);
  const packaging = packagingOf(e.format, e.compression, e.passwordProtected);
  const templated = e.fileNameTemplate && template
    ? renderFileNameTemplate(e.fileNameTemplate, {
      reportName: e.reportName,
      scheduleName: template.scheduleName,
      period: template.window,
      runAt: e.asOf,
      timeZone: e.timeZone,
      params: filterParams(template.definition),
    })
    : '';
  const entryName = templated ? `${templated}.${ext}` : exportFileName(e.reportName, e.asOf, e.timeZone, ext);
  return {
    fileName: packagedFileName(entryName, packaging),
    entryName,
    templated: templated !== '',
    contentType: packagedContentType(formatContentType(e.format, e.options.ndjson), packaging),
    storageKey: `exports/${e.tenantId}/${e.id}.${packagedExtension(ext, packaging)}`,
    packaging,
  };
}
