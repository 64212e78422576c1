/**
 * The chart image a scheduled email shows in its body: the report's chart (its visualization as it
 * is when the email is built, over the export's definition snapshot, as-of instant and zone) drawn
 * from the first rows the chart covers, read again from the analytics store (the export's file is
 * not parsed back), then rendered SVG → PNG (chart-svg.ts, chart-png.ts).
 *
 * A run's recipients get the same image: it is made once per export and kept briefly. Nothing
 * here may stop an email: any failure is logged and the email goes out without a chart.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { chartOption, chartRowLimit } from '@reportcast/charts';
import type { AnalyticsStore } from '../../platform/analytics-store.js';
import type { Logger } from '../../platform/logger.js';
import type { ExportEntity } from '../exports/export.entity.js';
import { exportMasking, MaskingPolicyService, type StoredMaskingPolicy } from '../catalog/masking-policy.service.js';
import { compilePage, compileReport } from '../reports/compile-query.js';
import type { DefinitionLimits } from '../reports/definition.js';
import { storedVisualization } from '../reports/stored-visualization.js';
import { validateDefinition } from '../reports/validate-definition.js';
import { chartDefinitionOf } from './chart-definition.js';
import { renderChartPng, sharedChartPng } from './chart-png.js';
import { renderChartSvg } from './chart-svg.js';

export interface ChartImage {
  png: Buffer;
  /** CSS px the HTML shows it at (the PNG has twice as many pixels, for high-density screens). */
  width: number;
  height: number;
  /** Text for the image's alt attribute: what the chart shows. */
  alt: string;
}

/** The email's content column is 600 px wide, 28 px padding each side. */
export const EMAIL_CHART_SIZE = { width: 544, height: 300 };
const QUERY_TIMEOUT_MS = 30_000;
const CACHED_EXPORTS = 16;

export interface ChartImageDeps {
  em: EntityManager;
  analytics: AnalyticsStore;
  limits: DefinitionLimits;
  log: Logger;
  /** Root of the tenants' masking keys: the chart shows what the export's rows show. */
  maskingSecret: string;
}

/** What a chart is drawn from besides the export's row, read with it by a caller that has the row (a delivery). */
export interface ChartInputs {
  /** The report's stored visualization (null: none, or the report is gone). */
  visualization: unknown;
  masking: StoredMaskingPolicy;
}

export class ChartImageService {
  private readonly made = new Map<string, Promise<ChartImage | null>>();

  constructor(private readonly deps: ChartImageDeps) {}

  /** The chart of an export's run, or null when its report draws none (TABLE, no measure) or it failed. */
  forExport(record: ExportEntity, inputs?: ChartInputs): Promise<ChartImage | null> {
    let image = this.made.get(record.id);
    if (!image) {
      image = this.make(record, inputs).catch((error: unknown) => {
        this.deps.log.warn('email chart not drawn', { exportId: record.id, error: (error as Error).message });
        return null;
      });
      this.made.set(record.id, image);
      if (this.made.size > CACHED_EXPORTS) this.made.delete(this.made.keys().next().value!);
    }
    return image;
  }

  private async make(record: ExportEntity, inputs: ChartInputs | undefined): Promise<ChartImage | null> {
    const { em, analytics, limits } = this.deps;
    const checked = validateDefinition(record.definition, limits);
    if (!checked.valid) return null;
    const definition = checked.definition;
    const stored = inputs ? [{ visualization: inputs.visualization }] : record.reportId
      ? await em.getConnection().execute<{ visualization: unknown }[]>('SELECT visualization FROM reports WHERE id = ? AND tenant_id = ?', [record.reportId, record.tenantId])
      : [];
    const visualization = storedVisualization(stored[0]?.visualization ?? null);
    const masking = exportMasking(inputs?.masking ?? await new MaskingPolicyService(em.fork(), this.deps.maskingSecret).stored(record.tenantId), record.maskRole, this.deps.maskingSecret, record.tenantId);
    const compiled = compileReport(definition, {
      tenantId: record.tenantId, asOf: record.asOf, database: analytics.database, maxRangeDays: limits.maxRangeDays, timeZone: record.timeZone, masking,
    });
    const chart = chartDefinitionOf(definition, compiled.columns);
    const limit = Math.min(chartRowLimit(chart, visualization), definition.rowLimit);
    if (limit === 0 || chart.measures.length === 0) return null;
    const page = compilePage(compiled, 0, limit);
    // A timer cleared when the query ends (AbortSignal.timeout would hold the query's state for the whole timeout).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('the chart query took too long')), QUERY_TIMEOUT_MS);
    const result = await analytics.query(page.sql, page.params, { signal: controller.signal }).finally(() => clearTimeout(timer));
    const option = chartOption(chart, visualization, result.rows, {
      timeZone: record.timeZone, locale: record.locale, totalRows: record.rowsTotal ?? result.rows.length, fontFamily: 'Noto Sans',
    });
    if (!option) return null;
    const { width, height } = EMAIL_CHART_SIZE;
    // Drawn once for every export with the same chart inputs (chart-png.ts).
    const key = JSON.stringify({ chart, visualization, rows: result.rows, timeZone: record.timeZone, locale: record.locale, totalRows: record.rowsTotal ?? result.rows.length, width, height },
      (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    const png = await sharedChartPng(key, async () => renderChartPng(await renderChartSvg(option, width, height), 2));
    const measures = chart.measures.map((m) => m.label).join(', ');
    const dims = chart.dimensions.map((d) => d.label).join(' and ');
    return { png, width, height, alt: dims ? `Chart: ${measures} by ${dims}` : `Chart: ${measures}` };
  }
}
