/**
 * Saved reports: CRUD scoped to the viewer's tenant, with visibility (public within the tenant, or
 * the creator's own; admins see all). Every lookup filters by tenant in the query itself, so another
 * tenant's id is indistinguishable from a missing one.
 */
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { BadUserInputError, ForbiddenError, NotFoundError, ReportHasSchedulesError } from '../../errors.js';
import type { ConnectionShape } from '../../graphql/connection.js';
import { keysetPage } from '../../graphql/keyset-page.js';
import type { AuditRecord, AuditService } from '../audit/audit.service.js';
import { hasRole, type Viewer } from '../auth/viewer.js';
import type { DefinitionLimits, ReportDefinition } from './definition.js';
import { ReportEntity } from './report.entity.js';
import { validateDefinition } from './validate-definition.js';
import { isUuid } from '../../graphql/ids.js';
import { validateVisualization, type Visualization } from '@reportcast/charts';
import { visualizationToStore } from './stored-visualization.js';
import { GrantStore } from '../sharing/grant.store.js';
import type { SingleFlight } from '../../platform/single-flight.js';
import { mayEdit, mayRead } from '../sharing/access.js';
import { deepFrozen } from '../../platform/deep-frozen.js';

export interface ReportFields {
  name?: string | null;
  description?: string | null;
  definition?: ReportDefinition | null;
  visualization?: Visualization | null;
  isPublic?: boolean | null;
  tags?: string[] | null;
}



export class ReportService {
  /** The grants (sharing/), asked once per request; dashboards read theirs through it too. */
  readonly grants: GrantStore;

  constructor(
    private readonly em: EntityManager,
    readonly limits: DefinitionLimits,
    /** Null only for system writes nobody asked for (the demo seed), which are not audited. */
    private readonly audit: AuditService | null,
    /** Shared by the requests of a process: concurrent readableDefinition calls of one viewer and report read once (single-flight.ts). */
    private readonly definitionFlights?: SingleFlight<ReportDefinition>,
  ) {
    this.grants = new GrantStore(em);
  }

  /**
   * What the viewer may see (sharing/access.ts): public reports, their own, those granted to them
   * or to their role, or everything for admins.
   */
  private async visibleTo(viewer: Viewer): Promise<FilterQuery<ReportEntity>> {
    if (hasRole(viewer, 'admin')) return { tenantId: viewer.tenantId };
    const granted = [...(await this.grants.levelsFor(viewer, 'REPORT')).keys()];
    return { tenantId: viewer.tenantId, $or: [{ isPublic: true }, { createdBy: viewer.userId }, ...(granted.length ? [{ id: { $in: granted } }] : [])] };
  }

  async get(viewer: Viewer, id: string, em: EntityManager = this.em): Promise<ReportEntity> {
    if (!isUuid(id)) throw new NotFoundError('Report', id);
    const report = await em.findOne(ReportEntity, { $and: [{ id }, await this.visibleTo(viewer)] });
    if (!report) throw new NotFoundError('Report', id);
    return report;
  }

  /**
   * The definition of a report the viewer may read (NOT_FOUND otherwise), for previews: a burst of
   * identical previews (one dashboard opened by many at once) shares one lookup of the report and
   * its grants while it is in flight. The key holds everything the answer depends on: tenant,
   * user, role and report; a grant revoked or a report made private is seen by every lookup that
   * starts after the change commits (nothing is kept once a lookup has answered).
   */
  async readableDefinition(viewer: Viewer, id: string): Promise<ReportDefinition> {
    // The report and the viewer's grants are read at once, and whether the viewer may read it is
    // decided from them as visibleTo's filter decides it (sharing/access.ts mayRead): one round
    // trip's wait instead of two before a preview's query can start.
    const read = async () => {
      if (!isUuid(id)) throw new NotFoundError('Report', id);
      const [report, grants] = await Promise.all([
        this.em.fork().findOne(ReportEntity, { id, tenantId: viewer.tenantId }),
        hasRole(viewer, 'admin') ? null : this.grants.levelsFor(viewer, 'REPORT'),
      ]);
      const readable = report && mayRead(viewer, { owner: report.createdBy === viewer.userId, tenantWide: report.isPublic, grant: grants?.get(report.id) ?? null });
      if (!readable) throw new NotFoundError('Report', id);
      return report.definition;
    };
    // Inside a transaction the read must see that transaction (and nobody else must): not shared.
    if (!this.definitionFlights || this.em.getTransactionContext()) return read();
    // One frozen copy for every request that joined the lookup: no copy each, and a caller that
    // tried to change it would fail instead of changing it for the others. The preview memoizes
    // its validation and fingerprint on it (preview.service.ts).
    return this.definitionFlights.run(`${viewer.tenantId}\n${viewer.userId}\n${viewer.role}\n${id}`, async () => deepFrozen(structuredClone(await read())));
  }

  /** Whether the viewer may change (and share) a report they can read: see sharing/access.ts. */
  async canEdit(viewer: Viewer, report: Pick<ReportEntity, 'id' | 'createdBy' | 'isPublic'>): Promise<boolean> {
    const grant = (await this.grants.levelsFor(viewer, 'REPORT')).get(report.id) ?? null;
    return mayEdit(viewer, { owner: report.createdBy === viewer.userId, tenantWide: report.isPublic, grant }, true);
  }

  /** Whether the viewer may read a report row they hold (e.g. one read without the viewer's scope). */
  async canRead(viewer: Viewer, report: Pick<ReportEntity, 'id' | 'createdBy' | 'isPublic' | 'tenantId'>): Promise<boolean> {
    if (report.tenantId !== viewer.tenantId) return false;
    const grant = (await this.grants.levelsFor(viewer, 'REPORT')).get(report.id) ?? null;
    return mayRead(viewer, { owner: report.createdBy === viewer.userId, tenantWide: report.isPublic, grant });
  }

  /** FORBIDDEN unless the viewer may change the report (it is already known they may read it). */
  async requireEdit(viewer: Viewer, report: ReportEntity): Promise<void> {
    this.requireEditor(viewer);
    if (!(await this.canEdit(viewer, report))) throw new ForbiddenError('Changing this report needs EDIT access: its owner, an admin, or an EDIT grant');
  }

  /** Reports already asked about in this request, so a page of exports asks once per report. */
  private readonly openable = new Map<string, Promise<boolean>>();

  /** Whether `report(id)` would answer the viewer (e.g. an export's report a viewer may not open). */
  canOpen(viewer: Viewer, id: string): Promise<boolean> {
    let known = this.openable.get(id);
    if (!known) {
      known = isUuid(id)
        ? this.visibleTo(viewer).then((scope) => this.em.count(ReportEntity, { $and: [{ id }, scope] })).then((n) => n > 0)
        : Promise.resolve(false);
      this.openable.set(id, known);
    }
    return known;
  }

  async list(viewer: Viewer, first?: number | null, after?: string | null): Promise<ConnectionShape<ReportEntity>> {
    return keysetPage(this.em, ReportEntity, await this.visibleTo(viewer), 'createdAt', first, after);
  }

  /** Forgets what this request learnt about the viewer's grants (after a grant changed). */
  forgetAccess(): void {
    this.grants.forget();
    this.openable.clear();
  }

  async create(viewer: Viewer, input: ReportFields & { name: string; definition: ReportDefinition }): Promise<ReportEntity> {
    this.requireEditor(viewer);
    const report = new ReportEntity();
    report.tenantId = viewer.tenantId;
    report.createdBy = viewer.userId;
    this.apply(report, input);
    return this.written(viewer, (tx) => this.save(tx, report), (r) => ({ action: 'report.create', targetType: 'report', targetId: r.id, details: { name: r.name } }));
  }

  async update(viewer: Viewer, id: string, input: ReportFields): Promise<ReportEntity> {
    this.requireEditor(viewer);
    const report = await this.get(viewer, id);
    await this.requireEdit(viewer, report);
    this.apply(report, input);
    report.updatedAt = new Date();
    return this.written(viewer, (tx) => this.save(tx, report), () => ({ action: 'report.update', targetType: 'report', targetId: id, details: { fields: Object.keys(input) } }));
  }

  /**
   * Deletes a report. Its schedules would go with it (the foreign key cascades), so a report with
   * schedules is refused (ReportHasSchedulesError naming them) unless `force`; a forced delete
   * names the schedules it took in its audit entry. The report row is locked first: a schedule
   * created meanwhile (its foreign key takes a share lock on that row) waits, and is then refused
   * for a missing report, instead of being deleted unseen.
   */
  async delete(viewer: Viewer, id: string, force = false): Promise<string> {
    this.requireEditor(viewer);
    const report = await this.get(viewer, id);
    await this.requireEdit(viewer, report);
    return this.written(viewer, async (tx) => {
      const conn = tx.getConnection();
      const ctx = tx.getTransactionContext();
      await conn.execute('SELECT id FROM reports WHERE id = ? AND tenant_id = ? FOR UPDATE', [id, viewer.tenantId], 'all', ctx);
      // Read by table, not through the schedules feature, which itself depends on reports.
      const schedules = await conn.execute<{ id: string; name: string }[]>(
        'SELECT id, name FROM schedules WHERE report_id = ? AND tenant_id = ? ORDER BY lower(name), id', [id, viewer.tenantId], 'all', ctx);
      if (schedules.length > 0 && !force) throw new ReportHasSchedulesError(schedules);
      await tx.removeAndFlush(report);
      return schedules;
    }, (schedules) => ({ action: 'report.delete', targetType: 'report', targetId: id, details: schedules.length ? { name: report.name, deletedSchedules: schedules } : { name: report.name } }))
      .then(() => id);
  }

  /** The write and its audit entry in one transaction (see AuditService.recorded). */
  private written<T>(viewer: Viewer, work: (tx: EntityManager) => Promise<T>, entry: (result: T) => AuditRecord): Promise<T> {
    return this.audit ? this.audit.recorded(viewer, work, entry) : work(this.em);
  }

  private requireEditor(viewer: Viewer): void {
    if (!hasRole(viewer, 'editor')) throw new ForbiddenError('Writing reports needs the editor role');
  }

  /**
   * Validates every field first, so a bad input changes nothing (no half-written record). Paths
   * start at the mutation's argument (`input.definition.measures.0.field`), as everywhere.
   */
  private apply(report: ReportEntity, input: ReportFields): void {
    const problems: { path: string; message: string }[] = [];
    const name = input.name?.trim();
    if (input.name !== undefined && input.name !== null && (!name || name.length > 200)) {
      problems.push({ path: 'input.name', message: 'must be 1 to 200 characters' });
    }
    if (input.description && input.description.length > 5000) {
      problems.push({ path: 'input.description', message: 'must be at most 5000 characters' });
    }
    const tags = input.tags ? [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))] : undefined;
    if (tags && (tags.length > 20 || tags.some((t) => t.length > 50))) {
      problems.push({ path: 'input.tags', message: 'at most 20 tags of at most 50 characters' });
    }
    let definition: ReportDefinition | undefined;
    if (input.definition) {
      const result = validateDefinition(input.definition, this.limits);
      if (result.valid) definition = result.definition;
      else problems.push(...result.errors.map((e) => ({ path: `input.definition.${e.path}`, message: e.message })));
    }
    let visualization: Visualization | null | undefined;
    if (input.visualization) {
      // Series name measures of the definition being saved (or of the stored one).
      const measureKeys = (definition ?? report.definition)?.measures?.map((m) => m.alias ?? '') ?? [];
      visualization = visualizationToStore(input.visualization);
      problems.push(...validateVisualization(visualization, measureKeys).map((p) => ({ path: `input.visualization.${p.path}`, message: p.message })));
    } else if (input.visualization === null) visualization = null;
    else if (definition && report.visualization?.series?.length) {
      // A new definition and no new chart: series naming measures the definition no longer has are
      // dropped, so the stored chart stays one the API accepts back unchanged.
      const keys = new Set(definition.measures?.map((m) => m.alias ?? '') ?? []);
      visualization = visualizationToStore({ ...report.visualization, series: report.visualization.series.filter((k) => keys.has(k)) });
    }
    if (problems.length) throw new BadUserInputError(`Invalid report: ${problems[0]!.path} ${problems[0]!.message}`, problems);

    if (name) report.name = name;
    if (input.description !== undefined) report.description = input.description?.trim() || null;
    if (definition) {
      report.definition = definition;
      report.rowLimit = definition.rowLimit ?? this.limits.maxRowLimit;
    }
    if (visualization !== undefined) report.visualization = visualization;
    if (input.isPublic !== undefined && input.isPublic !== null) report.isPublic = input.isPublic;
    if (tags) report.tags = tags;
  }

  private async save(em: EntityManager, report: ReportEntity): Promise<ReportEntity> {
    try {
      await em.persistAndFlush(report);
      return report;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        em.clear();
        throw new BadUserInputError(`A report named "${report.name}" already exists`, [{ path: 'input.name', message: 'already used in this tenant' }]);
      }
      throw error;
    }
  }
}
