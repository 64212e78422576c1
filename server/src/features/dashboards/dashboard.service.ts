/**
 * Dashboards: CRUD scoped to the viewer's tenant in the query itself (another tenant's id is
 * NOT_FOUND, as everywhere), visibility PRIVATE (the owner; admins see all) or TENANT (everyone in
 * the tenant), per-user favourites listed first, and the rows of one tile. A tile's report is read
 * through ReportService, so a tile over a report the viewer cannot open is shown as inaccessible
 * and its rows are NOT_FOUND: the dashboard never widens who sees a report.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { validateVisualization, type Visualization } from '@reportcast/charts';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../errors.js';
import { isUuid } from '../../graphql/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import { hasRole, type Viewer } from '../auth/viewer.js';
import { mayEdit, type AccessLevel } from '../sharing/access.js';
import type { ReportEntity } from '../reports/report.entity.js';
import type { ReportService } from '../reports/report.service.js';
import type { PreviewPage, PreviewService } from '../reports/preview.service.js';
import { validateDefinition } from '../reports/validate-definition.js';
import { bindParameterValues } from '../reports/parameters/bind.js';
import { visualizationToStore } from '../reports/stored-visualization.js';
import { checkTiles, flowLayout, readingOrder, type Tile, type TileInput, type TileProblem } from './layout.js';
import { pickRange, tileDefinition, type DashboardTimeRange } from './tile-definition.js';
import { chartDefinitionOf } from '../charts/chart-definition.js';
import { storedVisualization } from '../reports/stored-visualization.js';
import type { NormalizedDefinition } from '../reports/validate-definition.js';
import { dashboardPdf, type PdfTile } from './dashboard-pdf.js';
import { BUILT_IN_TEMPLATES } from '../templates/built-in.js';
import type { TemplateService } from '../templates/template.service.js';

export type Visibility = 'PRIVATE' | 'TENANT';

export interface DashboardRecord {
  id: string;
  tenantId: string;
  name: string;
  description: string;
  visibility: Visibility;
  tiles: Tile[];
  timeRange: DashboardTimeRange | null;
  parameterValues: Record<string, unknown> | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  favorite: boolean;
}

export interface DashboardFields {
  name?: string | null;
  description?: string | null;
  visibility?: Visibility | null;
  tiles?: TileInput[] | null;
  timeRange?: DashboardTimeRange | null;
  parameterValues?: Record<string, unknown> | null;
}

interface Row {
  id: string; tenant_id: string; name: string; description: string; visibility: Visibility; tiles: Tile[];
  time_range: DashboardTimeRange | null; parameter_values: Record<string, unknown> | null;
  created_by: string; created_at: Date; updated_at: Date; favorite: boolean;
}

const COLUMNS = `d.id, d.tenant_id, d.name, d.description, d.visibility, d.tiles, d.time_range, d.parameter_values,
  d.created_by, d.created_at, d.updated_at, (f.user_id IS NOT NULL) AS favorite`;

const fromRow = (r: Row): DashboardRecord => ({
  id: r.id, tenantId: r.tenant_id, name: r.name, description: r.description, visibility: r.visibility,
  tiles: readingOrder(r.tiles), timeRange: r.time_range, parameterValues: r.parameter_values, createdBy: r.created_by,
  createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at), favorite: Boolean(r.favorite),
});

/** `2026-11-23T00:00:00.000+00:00` → `2026-11-23 00:00 +00:00`: the wall time and its offset, to the minute. */
const readable = (local: string) => local.replace('T', ' ').replace(/:\d\d(\.\d+)?(?=[+-]\d\d:\d\d$|Z$)/, ' ');

export class DashboardService {
  constructor(
    private readonly em: EntityManager,
    private readonly reports: ReportService,
    /** Null where no rows are read (a schedule checking that a dashboard exists). */
    private readonly previews: PreviewService | null,
    /** Null only where nothing is written (the export worker reading a dashboard for its file). */
    private readonly audit: AuditService | null,
  ) {}

  private get preview(): PreviewService {
    if (!this.previews) throw new Error('This DashboardService reads no rows (no preview service)');
    return this.previews;
  }

  /** The audit service writes go through; a read-only instance has none. */
  private get audited(): AuditService {
    if (!this.audit) throw new Error('This DashboardService only reads (no audit service)');
    return this.audit;
  }

  private sql<T>(query: string, params: unknown[], em: EntityManager = this.em): Promise<T[]> {
    return em.getConnection().execute<T[]>(query, params, 'all', em.getTransactionContext());
  }

  /** The dashboards granted to the viewer or their role (sharing/), read with the first visibility question. */
  private grantLevels: Map<string, AccessLevel> | null = null;

  /**
   * The SQL condition (and its parameters) for "the viewer may see d" (sharing/access.ts): their
   * own, the tenant's TENANT ones, those granted to them or their role; admins: all.
   */
  private async visible(viewer: Viewer): Promise<[string, unknown[]]> {
    if (hasRole(viewer, 'admin')) return ['d.tenant_id = ?', [viewer.tenantId]];
    this.grantLevels = await this.reports.grants.levelsFor(viewer, 'DASHBOARD');
    return ["d.tenant_id = ? AND (d.visibility = 'TENANT' OR d.created_by = ? OR d.id = ANY(?::uuid[]))",
      [viewer.tenantId, viewer.userId, `{${[...this.grantLevels.keys()].join(',')}}`]];
  }

  /** Favourites first, then newest first (at most 500). */
  async list(viewer: Viewer): Promise<DashboardRecord[]> {
    const [where, params] = await this.visible(viewer);
    const rows = await this.sql<Row>(
      `SELECT ${COLUMNS} FROM dashboards d LEFT JOIN dashboard_favorites f ON f.dashboard_id = d.id AND f.user_id = ?
       WHERE ${where} ORDER BY (f.user_id IS NOT NULL) DESC, d.created_at DESC, d.id DESC LIMIT 500`, [viewer.userId, ...params]);
    return rows.map(fromRow);
  }

  async get(viewer: Viewer, id: string, em: EntityManager = this.em): Promise<DashboardRecord> {
    if (!isUuid(id)) throw new NotFoundError('Dashboard', id);
    const [where, params] = await this.visible(viewer);
    const [row] = await this.sql<Row>(
      `SELECT ${COLUMNS} FROM dashboards d LEFT JOIN dashboard_favorites f ON f.dashboard_id = d.id AND f.user_id = ?
       WHERE d.id = ? AND ${where}`, [viewer.userId, id, ...params], em);
    if (!row) throw new NotFoundError('Dashboard', id);
    return fromRow(row);
  }

  /**
   * Whether the viewer may change (and share) it: an editor who owns it or holds an EDIT grant, or
   * an admin (sharing/access.ts). Asked after `get` or `list`, which read the viewer's grants.
   */
  canEdit(viewer: Viewer, d: DashboardRecord): boolean {
    return mayEdit(viewer, { owner: d.createdBy === viewer.userId, tenantWide: d.visibility === 'TENANT', grant: this.grantLevels?.get(d.id) ?? null }, false);
  }

  /** Whether the viewer may delete it: its owner (an editor) or an admin; an EDIT grant does not. */
  canDelete(viewer: Viewer, d: DashboardRecord): boolean {
    return hasRole(viewer, 'admin') || (hasRole(viewer, 'editor') && d.createdBy === viewer.userId);
  }

  /** The report a tile draws, or null when the viewer may not open it (or it is gone). */
  async tileReport(viewer: Viewer, tile: Tile): Promise<ReportEntity | null> {
    if (tile.kind !== 'REPORT' || !tile.reportId) return null;
    return this.reports.get(viewer, tile.reportId).catch((e: unknown) => {
      if (e instanceof NotFoundError) return null;
      throw e;
    });
  }

  async create(viewer: Viewer, input: DashboardFields & { name: string }): Promise<DashboardRecord> {
    if (!hasRole(viewer, 'editor')) throw new ForbiddenError('Creating dashboards needs the editor role');
    const id = randomUUID();
    const checked = await this.checked(viewer, input, null);
    return this.audited.recorded(viewer, async (tx) => {
      await this.sql(
        `INSERT INTO dashboards (id, tenant_id, name, description, visibility, tiles, time_range, parameter_values, created_by)
         VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)`,
        [id, viewer.tenantId, checked.name, checked.description, checked.visibility, JSON.stringify(checked.tiles),
          checked.timeRange ? JSON.stringify(checked.timeRange) : null, checked.parameterValues ? JSON.stringify(checked.parameterValues) : null, viewer.userId], tx);
      return this.get(viewer, id, tx);
    }, (d) => ({ action: 'dashboard.create', targetType: 'dashboard', targetId: d.id, details: { name: d.name, tiles: d.tiles.length } }));
  }

  /**
   * A dashboard generated from a template: for a built-in report type one report per section
   * (each table), for a template id one report, each made as createReportFromTemplate makes it and
   * placed on a half-width tile. Report names are unique per tenant, so taken names are refused
   * before any report is made: a refusal never leaves some of the reports behind.
   */
  async createFromTemplate(viewer: Viewer, templates: TemplateService, template: string, name: string,
    parameterValues: Record<string, unknown> | null, timeZone: string | null): Promise<DashboardRecord> {
    if (!hasRole(viewer, 'editor')) throw new ForbiddenError('Creating dashboards needs the editor role');
    const sections = BUILT_IN_TEMPLATES.filter((t) => t.kind === template).map((t) => t.id);
    if (sections.length === 0) sections.push((await templates.get(viewer, template).catch((e: unknown) => {
      if (e instanceof NotFoundError) throw new BadUserInputError(`No template or report type ${template}`, [{ path: 'template', message: 'no such report type or template' }]);
      throw e;
    })).id);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 150) throw new BadUserInputError('Invalid dashboard: name must be 1 to 150 characters', [{ path: 'name', message: 'must be 1 to 150 characters' }]);
    const named = await Promise.all(sections.map(async (id) => ({ id, name: `${trimmed} · ${(await templates.get(viewer, id)).name}` })));
    const taken = await this.sql<{ name: string }>(
      `SELECT name FROM reports WHERE tenant_id = ? AND lower(name) IN (${named.map(() => '?').join(', ')})`, [viewer.tenantId, ...named.map((n) => n.name.toLowerCase())]);
    if (taken.length) throw new BadUserInputError(`A report named "${taken[0]!.name}" already exists`, [{ path: 'name', message: 'the reports it would make need names not used in this tenant' }]);
    const reportIds: string[] = [];
    for (const section of named) {
      reportIds.push((await templates.createReportFromTemplate(viewer, section.id, section.name, parameterValues, timeZone)).id);
    }
    const description = sections.length > 1 ? `Made from the ${template.toLowerCase().replaceAll('_', ' ')} template.` : '';
    return this.create(viewer, { name: trimmed, description, tiles: DashboardService.tilesFor(reportIds) });
  }

  /** Fields left out stay; `tiles`, when given, replace every tile. */
  async update(viewer: Viewer, id: string, input: DashboardFields): Promise<DashboardRecord> {
    const current = await this.get(viewer, id);
    if (!this.canEdit(viewer, current)) throw new ForbiddenError('Changing this dashboard needs EDIT access: its owner, an admin, or an EDIT grant');
    const checked = await this.checked(viewer, input, current);
    return this.audited.recorded(viewer, async (tx) => {
      await this.sql(
        `UPDATE dashboards SET name = ?, description = ?, visibility = ?, tiles = ?::jsonb, time_range = ?::jsonb, parameter_values = ?::jsonb, updated_at = now()
         WHERE id = ? AND tenant_id = ?`,
        [checked.name, checked.description, checked.visibility, JSON.stringify(checked.tiles),
          checked.timeRange ? JSON.stringify(checked.timeRange) : null, checked.parameterValues ? JSON.stringify(checked.parameterValues) : null, id, viewer.tenantId], tx);
      return this.get(viewer, id, tx);
    }, () => ({ action: 'dashboard.update', targetType: 'dashboard', targetId: id, details: { fields: Object.keys(input) } }));
  }

  async delete(viewer: Viewer, id: string): Promise<string> {
    const current = await this.get(viewer, id);
    if (!this.canDelete(viewer, current)) throw new ForbiddenError('Only its owner or an admin may delete a dashboard');
    await this.audited.recorded(viewer, (tx) => this.sql('DELETE FROM dashboards WHERE id = ? AND tenant_id = ?', [id, viewer.tenantId], tx),
      () => ({ action: 'dashboard.delete', targetType: 'dashboard', targetId: id, details: { name: current.name } }));
    return id;
  }

  async setFavorite(viewer: Viewer, id: string, favorite: boolean): Promise<DashboardRecord> {
    await this.get(viewer, id);
    if (favorite) {
      await this.sql('INSERT INTO dashboard_favorites (dashboard_id, tenant_id, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [id, viewer.tenantId, viewer.userId]);
    } else {
      await this.sql('DELETE FROM dashboard_favorites WHERE dashboard_id = ? AND user_id = ? AND tenant_id = ?', [id, viewer.userId, viewer.tenantId]);
    }
    return this.get(viewer, id);
  }

  /**
   * One page of a tile's rows: the report's definition with the dashboard's time range and
   * parameter values applied (tile-definition.ts); `timeRange`/`parameterValues` given here
   * replace the dashboard's stored ones for this read (the page's time-range control).
   */
  async tileRows(viewer: Viewer, dashboardId: string, tileId: string, override: { timeRange?: DashboardTimeRange | null; parameterValues?: Record<string, unknown> | null; first?: number | null }): Promise<PreviewPage> {
    const dashboard = await this.get(viewer, dashboardId);
    const tile = dashboard.tiles.find((t) => t.id === tileId.toLowerCase());
    if (!tile) throw new NotFoundError('Tile', tileId);
    if (tile.kind !== 'REPORT') throw new BadUserInputError('A text tile has no rows', [{ path: 'tileId', message: 'is a text tile' }]);
    const report = await this.tileReport(viewer, tile);
    if (!report) throw new NotFoundError('Report', tile.reportId ?? undefined);
    const timeRange = override.timeRange !== undefined ? (override.timeRange && pickRange(override.timeRange)) : dashboard.timeRange;
    const values = { ...(dashboard.parameterValues ?? {}), ...(override.parameterValues ?? {}) };
    const applied = tileDefinition(report.definition, timeRange, values);
    return this.preview.preview(viewer, applied.definition, override.first ?? 50, null, applied.parameterValues);
  }

  /**
   * Every tile of a dashboard as a file shows it (reading order): text tiles with their text, tiles
   * the viewer may not open named only, report tiles with their rows read as `tileRows` reads them
   * (the same range, values and access rule), up to `rowsPerTile` rows each (paged 500 at a time),
   * their chart and period. `onTile` runs as each report tile's rows arrive (export progress).
   */
  async fileTiles(viewer: Viewer, dashboard: DashboardRecord, override: { timeRange?: DashboardTimeRange | null; parameterValues?: Record<string, unknown> | null },
    rowsPerTile: number, onTile?: (rows: number) => void): Promise<PdfTile[]> {
    const timeRange = override.timeRange !== undefined ? (override.timeRange && pickRange(override.timeRange)) : dashboard.timeRange;
    const values = { ...(dashboard.parameterValues ?? {}), ...(override.parameterValues ?? {}) };
    return Promise.all(dashboard.tiles.map(async (tile): Promise<PdfTile> => {
      if (tile.kind === 'TEXT') return { kind: 'TEXT', title: tile.title ?? '', text: tile.text ?? '' };
      const report = await this.tileReport(viewer, tile);
      if (!report) return { kind: 'INACCESSIBLE', title: tile.title ?? 'Report' };
      const applied = tileDefinition(report.definition, timeRange, values);
      let page = await this.preview.preview(viewer, applied.definition, Math.min(rowsPerTile, 500), null, applied.parameterValues);
      const rows = [...page.rows];
      while (page.pageInfo.hasNextPage && page.pageInfo.endCursor && rows.length < rowsPerTile) {
        page = await this.preview.preview(viewer, applied.definition, Math.min(rowsPerTile - rows.length, 500), page.pageInfo.endCursor, applied.parameterValues);
        rows.push(...page.rows);
      }
      onTile?.(rows.length);
      const columns = page.columns.map((c) => ({ key: c.name, label: c.label, kind: c.type }));
      const checked = validateDefinition(applied.definition, this.reports.limits);
      const definition = (checked.valid ? checked.definition : applied.definition) as NormalizedDefinition;
      const chart = { definition: chartDefinitionOf(definition, columns), visualization: storedVisualization(tile.visualization ?? report.visualization) as Visualization | null };
      return {
        kind: 'REPORT', title: tile.title ?? report.name, chart, columns, rows, totalCount: page.totalCount,
        timeZone: page.timeZone, locale: report.definition.locale ?? 'en-US',
        period: page.window ? `${readable(page.window.fromLocal)} → ${readable(page.window.toLocal)} (${page.timeZone})` : null,
      };
    }));
  }

  /**
   * The whole dashboard as one PDF (dashboard-pdf.ts), made in the request: every tile in reading
   * order with its first 200 rows read as `fileTiles` reads them. Returns the file's bytes and a
   * name for it. (createDashboardExport makes the same file through the export pipeline.)
   */
  async pdf(viewer: Viewer, id: string, timeRange: DashboardTimeRange | null | undefined, rangeText: string): Promise<{ fileName: string; bytes: Buffer }> {
    const dashboard = await this.get(viewer, id);
    const tiles = await this.fileTiles(viewer, dashboard, timeRange !== undefined ? { timeRange } : {}, 200);
    const bytes = await dashboardPdf({ name: dashboard.name, tenantId: viewer.tenantId, generatedAt: new Date(), rangeText, tiles });
    const fileName = `${dashboard.name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || 'dashboard'}.pdf`;
    return { fileName, bytes };
  }

  /**
   * A dashboard export's request, checked before anything is enqueued: the dashboard readable by
   * the viewer (else NOT_FOUND), the format PDF or XLSX, and the time range and parameter values
   * checked over every tile as updateDashboard checks them (paths `input.timeRange…`,
   * `input.parameterValues.<name>`). Returns the dashboard and what to record on the export.
   */
  async checkExport(viewer: Viewer, id: string, format: string, request: { timeRange?: DashboardTimeRange | null; parameterValues?: Record<string, unknown> | null }):
    Promise<{ dashboard: DashboardRecord; request: { timeRange?: DashboardTimeRange | null; parameterValues?: Record<string, unknown> | null } }> {
    const dashboard = await this.get(viewer, id);
    if (format !== 'PDF' && format !== 'XLSX') throw new BadUserInputError('A dashboard is exported as PDF or XLSX', [{ path: 'input.format', message: 'PDF or XLSX' }]);
    const fields: DashboardFields = {};
    if (request.timeRange) fields.timeRange = pickRange(request.timeRange);
    if (request.parameterValues) fields.parameterValues = { ...(dashboard.parameterValues ?? {}), ...request.parameterValues };
    if (Object.keys(fields).length) await this.checked(viewer, fields, dashboard);
    return {
      dashboard,
      request: { ...(fields.timeRange ? { timeRange: fields.timeRange } : {}), ...(request.parameterValues ? { parameterValues: request.parameterValues } : {}) },
    };
  }

  /**
   * Checks every field before anything is written (no half-written dashboard): name, visibility,
   * the tiles' grid, each report tile's report readable by the viewer with its chart override fitting
   * the report's measures, and the time range valid over each tile's report.
   */
  private async checked(viewer: Viewer, input: DashboardFields, current: DashboardRecord | null) {
    const problems: TileProblem[] = [];
    const name = input.name !== undefined && input.name !== null ? input.name.trim() : current?.name ?? '';
    if (!name || name.length > 200) problems.push({ path: 'input.name', message: 'must be 1 to 200 characters' });
    const description = input.description !== undefined ? (input.description ?? '').trim() : current?.description ?? '';
    if (description.length > 2000) problems.push({ path: 'input.description', message: 'must be at most 2000 characters' });
    const visibility = input.visibility ?? current?.visibility ?? 'PRIVATE';
    if (visibility !== 'PRIVATE' && visibility !== 'TENANT') problems.push({ path: 'input.visibility', message: 'must be PRIVATE or TENANT' });
    let tiles = current?.tiles ?? [];
    if (input.tiles) {
      const result = checkTiles(input.tiles, 'input.tiles');
      if (result.ok) tiles = result.tiles;
      else problems.push(...result.problems);
    }
    const timeRange = input.timeRange !== undefined ? (input.timeRange && pickRange(input.timeRange)) : current?.timeRange ?? null;
    const parameterValues = input.parameterValues !== undefined ? input.parameterValues : current?.parameterValues ?? null;
    if (parameterValues !== null && (typeof parameterValues !== 'object' || Array.isArray(parameterValues))) {
      problems.push({ path: 'input.parameterValues', message: 'must be an object of values by parameter name' });
    }
    if (problems.length === 0) {
      const reports = await Promise.all(tiles.map((t) => this.tileReport(viewer, t)));
      tiles.forEach((tile, i) => {
        if (tile.kind !== 'REPORT') return;
        const report = reports[i];
        // Only tiles given now are checked for readability: a stored tile over a report its owner
        // can no longer open stays (shown as inaccessible) until the tiles are replaced.
        if (!report) {
          if (input.tiles) problems.push({ path: `input.tiles.${i}.reportId`, message: 'no report with this id that you can open' });
          return;
        }
        if (tile.visualization && input.tiles) {
          const keys = report.definition.measures?.map((m) => m.alias ?? '') ?? [];
          tile.visualization = visualizationToStore(tile.visualization) as Visualization;
          problems.push(...validateVisualization(tile.visualization, keys).map((p) => ({ path: `input.tiles.${i}.visualization.${p.path}`, message: p.message })));
        }
        // A new range or new values are checked over every tile; new tiles against what they will read.
        if (input.timeRange !== undefined || input.parameterValues !== undefined || input.tiles) {
          const applied = tileDefinition(report.definition, timeRange, parameterValues);
          const result = validateDefinition(applied.definition, this.reports.limits);
          if (!result.valid) {
            for (const e of result.errors) {
              problems.push(e.path.startsWith('timeRange')
                ? { path: `input.${e.path}`, message: e.message }
                : { path: `input.tiles.${i}`, message: `${e.path}: ${e.message}` });
            }
            return;
          }
          // Values are checked as a preview checks them (types, allowed options, ranges), at
          // `input.parameterValues.<name>`; a required value the dashboard leaves out is the tile's
          // own business (its report's default, or a refusal when the tile is read).
          const bound = bindParameterValues(result.definition, applied.parameterValues, 'input.parameterValues', this.reports.limits.maxRangeDays);
          if (!bound.ok) problems.push(...bound.errors.filter((e) => Object.keys(applied.parameterValues).some((name) => e.path === `input.parameterValues.${name}` || e.path.startsWith(`input.parameterValues.${name}.`))));
        }
      });
    }
    if (problems.length) {
      const unique = [...new Map(problems.map((p) => [`${p.path} ${p.message}`, p])).values()];
      throw new BadUserInputError(`Invalid dashboard: ${unique[0]!.path} ${unique[0]!.message}`, unique);
    }
    return { name, description, visibility, tiles, timeRange: timeRange && Object.keys(timeRange).length ? timeRange : null, parameterValues };
  }

  /** Tiles for `reports`, half width, two per row, with the reports' names as titles. */
  static tilesFor(reportIds: string[]): TileInput[] {
    return flowLayout(reportIds.length, 6, 6).map((place, i) => ({ kind: 'REPORT', reportId: reportIds[i]!, ...place }));
  }
}
