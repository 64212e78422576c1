/**
 * A dashboard's file made by the export pipeline (export-runner.ts, `export__run`): one PDF with
 * every tile (dashboard-pdf.ts) or one XLSX with a sheet per tile (dashboard-xlsx.ts). The export
 * row records the dashboard and what the request gave over its stored time range and parameter
 * values (`exports.dashboard`, migration 0022); the tiles are read when the file is made, as the
 * person it is made for may read them: the requester (their id and role as recorded on the row),
 * or a schedule's owner. So a file never shows a tile its reader could not open on the page.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsStore } from '../../platform/analytics-store.js';
import type { Viewer } from '../auth/viewer.js';
import { isRole } from '../auth/viewer.js';
import { MaskingPolicyService } from '../catalog/masking-policy.service.js';
import type { ExportEntity } from '../exports/export.entity.js';
import { describeRange } from '../exports/parameters.js';
import type { DefinitionLimits } from '../reports/definition.js';
import { PreviewService } from '../reports/preview.service.js';
import { ReportService } from '../reports/report.service.js';
import type { NormalizedDefinition } from '../reports/validate-definition.js';
import { NotFoundError } from '../../errors.js';
import { dashboardPdf, type PdfTile } from './dashboard-pdf.js';
import { dashboardXlsx } from './dashboard-xlsx.js';
import { DashboardService, type DashboardRecord } from './dashboard.service.js';
import type { DashboardTimeRange } from './tile-definition.js';

/** Rows read per report tile: a PDF draws its chart over the first 200 (and lists 8); an XLSX sheet holds up to 5,000. */
export const DASHBOARD_TILE_ROWS = { PDF: 200, XLSX: 5_000 } as const;
export const DASHBOARD_FORMATS = ['PDF', 'XLSX'] as const;

export interface DashboardFileDeps {
  em: EntityManager;
  analytics: AnalyticsStore;
  limits: DefinitionLimits;
  maskingSecret: string;
}

/** "Last 7 days", or the fixed dates, or "each report's own" when the dashboard sets no range. */
export function rangeWords(range: DashboardTimeRange | null | undefined): string {
  if (!range || Object.keys(range).length === 0) return "each report's own";
  return describeRange({ timeRange: range } as NormalizedDefinition) || `${range.from ?? ''} → ${range.to ?? ''}`;
}

/** A file's dashboard-level parameter values as words (its parameters block / About sheet). */
export function parameterWords(values: Record<string, unknown> | null | undefined): { label: string; value: string }[] {
  return Object.entries(values ?? {}).map(([name, v]) => ({
    label: `Parameter: ${name}`,
    value: v === null || v === undefined ? '(any)'
      : typeof v === 'object' && !Array.isArray(v) && 'from' in v ? `${String((v as { from: unknown }).from)} to ${String((v as { to?: unknown }).to ?? '')}`
      : Array.isArray(v) ? v.join(', ') : String(v),
  }));
}

export class DashboardDeletedError extends Error {}

/** Who the file is made for: the requester as recorded on the row, or the schedule's owner now. */
async function readerOf(em: EntityManager, record: ExportEntity): Promise<Viewer> {
  if (record.scheduleId) {
    const [owner] = await em.getConnection().execute<{ created_by: string; owner_role: string | null }[]>(
      'SELECT created_by, owner_role FROM schedules WHERE id = ? AND tenant_id = ?', [record.scheduleId, record.tenantId]);
    if (!owner) throw new DashboardDeletedError('The schedule was deleted before its dashboard file was made');
    return { tenantId: record.tenantId, userId: owner.created_by, role: isRole(owner.owner_role) ? owner.owner_role : 'viewer' };
  }
  return { tenantId: record.tenantId, userId: record.initiatedBy, role: record.maskRole ?? 'viewer' };
}

/** The tiles of a dashboard export, read once (count), then drawn into the file (body). */
export class DashboardExportFile {
  private read: { dashboard: DashboardRecord; tiles: PdfTile[]; range: DashboardTimeRange | null } | null = null;

  constructor(private readonly deps: DashboardFileDeps, private readonly record: ExportEntity) {}

  private service(): DashboardService {
    const em = this.deps.em.fork();
    return new DashboardService(em, new ReportService(em, this.deps.limits, null),
      new PreviewService(this.deps.analytics, this.deps.limits, new MaskingPolicyService(em, this.deps.maskingSecret)), null);
  }

  /** Reads every tile's rows; returns the rows the file will hold and whether a tile had more. */
  async load(): Promise<{ rowsTotal: number; truncated: boolean }> {
    const { record } = this;
    if (!record.dashboardId) throw new DashboardDeletedError('The dashboard was deleted before the export ran');
    const viewer = await readerOf(this.deps.em, record);
    const dashboards = this.service();
    const dashboard = await dashboards.get(viewer, record.dashboardId).catch((e: unknown) => {
      if (e instanceof NotFoundError) throw new DashboardDeletedError('The dashboard was deleted (or is no longer visible to whom the file is for) before the export ran');
      throw e;
    });
    const request = record.dashboard ?? {};
    const override = {
      ...(request.timeRange !== undefined ? { timeRange: request.timeRange as DashboardTimeRange | null } : {}),
      ...(request.parameterValues ? { parameterValues: request.parameterValues } : {}),
    };
    const perTile = record.format === 'XLSX' ? DASHBOARD_TILE_ROWS.XLSX : DASHBOARD_TILE_ROWS.PDF;
    const tiles = await dashboards.fileTiles(viewer, dashboard, override, perTile);
    const range = override.timeRange !== undefined ? override.timeRange : dashboard.timeRange;
    this.read = { dashboard, tiles, range };
    const rowsTotal = tiles.reduce((n, t) => n + (t.rows?.length ?? 0), 0);
    return { rowsTotal, truncated: tiles.some((t) => (t.rows?.length ?? 0) < (t.totalCount ?? 0)) };
  }

  get tiles(): PdfTile[] {
    return this.read?.tiles ?? [];
  }

  /** The dashboard-level values the tiles were read with. */
  parameters(): { label: string; value: string }[] {
    if (!this.read) return [];
    return parameterWords({ ...(this.read.dashboard.parameterValues ?? {}), ...(this.record.dashboard?.parameterValues ?? {}) });
  }

  async render(): Promise<Buffer> {
    if (!this.read) throw new Error('load() first');
    const { dashboard, tiles, range } = this.read;
    const common = { name: dashboard.name, tenantId: this.record.tenantId, generatedAt: this.record.asOf, rangeText: rangeWords(range), tiles };
    return this.record.format === 'XLSX' ? dashboardXlsx({ ...common, parameters: this.parameters() }) : dashboardPdf(common);
  }
}
