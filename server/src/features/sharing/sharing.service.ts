/**
 * Granting and revoking access to a report or dashboard. Only someone who may change the object
 * may share it (its owner, an admin, an EDIT grantee with the editor role; for a public report any
 * editor, as before grants); anyone else who can read it gets FORBIDDEN, anyone who cannot gets
 * NOT_FOUND. A user grant names a user of the viewer's own tenant: one Reportcast has seen there
 * (grant.store.ts knownUser), so an id known only to another tenant is refused. Every change is
 * written with its audit entry in one transaction: `grant.add` and `grant.revoke`, target
 * `report:<id>` or `dashboard:<id>` (the audit's compliance summary lists `grant.*` entries).
 *
 * Sharing a dashboard (with `includeTileReports`, the default) also gives the principal VIEW on
 * each of its tiles' reports that the granter may share and that is not public, unless the
 * principal already has a grant on it: a dashboard never widens who sees a report by itself, so
 * without this its tiles would show as inaccessible. Revoking the dashboard leaves those grants.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Viewer } from '../auth/viewer.js';
import type { DashboardService } from '../dashboards/dashboard.service.js';
import type { ReportService } from '../reports/report.service.js';
import { principalProblems, type AccessLevel, type SharedObjectType } from './access.js';
import { storedPrincipal, type GrantRow, type GrantStore, type Principal } from './grant.store.js';

interface Shareable {
  name: string;
  createdBy: string;
  /** A dashboard's report tiles' report ids (distinct); none for a report. */
  tileReports: string[];
}

const sameGrantee = (g: GrantRow, p: Principal) => {
  const [kind, name] = storedPrincipal(p);
  return kind === 'USER' ? g.userId === name : g.role === name;
};

export class SharingService {
  constructor(
    private readonly em: EntityManager,
    private readonly reports: ReportService,
    private readonly dashboards: DashboardService,
    private readonly audit: AuditService,
  ) {}

  private get store(): GrantStore {
    return this.reports.grants;
  }

  /** The object, when the viewer may read it (else NOT_FOUND) and share it (else FORBIDDEN). */
  private async shareable(viewer: Viewer, type: SharedObjectType, id: string): Promise<Shareable> {
    if (type === 'REPORT') {
      const report = await this.reports.get(viewer, id);
      if (!(await this.reports.canEdit(viewer, report))) throw new ForbiddenError('Sharing this report needs EDIT access: its owner, an admin, or an EDIT grant');
      return { name: report.name, createdBy: report.createdBy, tileReports: [] };
    }
    const dashboard = await this.dashboards.get(viewer, id);
    if (!this.dashboards.canEdit(viewer, dashboard)) throw new ForbiddenError('Sharing this dashboard needs EDIT access: its owner, an admin, or an EDIT grant');
    const tileReports = [...new Set(dashboard.tiles.flatMap((t) => (t.kind === 'REPORT' && t.reportId ? [t.reportId] : [])))];
    return { name: dashboard.name, createdBy: dashboard.createdBy, tileReports };
  }

  /** The grants on an object the viewer may share (null when they may not: `grants` fields). */
  async grantsOf(viewer: Viewer, type: SharedObjectType, id: string): Promise<GrantRow[] | null> {
    try {
      await this.shareable(viewer, type, id);
    } catch (error) {
      if (error instanceof ForbiddenError || error instanceof NotFoundError) return null;
      throw error;
    }
    return this.store.list(viewer.tenantId, type, id);
  }

  async grant(viewer: Viewer, type: SharedObjectType, id: string, principal: Principal, level: AccessLevel, includeTileReports = true): Promise<GrantRow> {
    const problems = principalProblems(principal, level);
    if (problems.length) throw new BadUserInputError(`Invalid grant: ${problems[0]!.path} ${problems[0]!.message}`, problems);
    const object = await this.shareable(viewer, type, id);
    const who: Principal = principal.userId != null ? { userId: principal.userId.trim() } : { role: principal.role! };
    if (who.userId != null) {
      if (who.userId === object.createdBy) throw new BadUserInputError('Invalid grant: principal.userId owns it already', [{ path: 'principal.userId', message: 'owns it already' }]);
      if (!(await this.store.knownUser(viewer.tenantId, who.userId))) {
        throw new BadUserInputError('Invalid grant: principal.userId is no user of this tenant', [{ path: 'principal.userId', message: 'no user with this id has signed in to this tenant' }]);
      }
    }
    // The tile reports this grant carries along: readable by the granter, shareable by them, not
    // public (everyone reads those already) and not the principal's own.
    const carried: string[] = [];
    if (type === 'DASHBOARD' && includeTileReports) {
      for (const reportId of object.tileReports) {
        const report = await this.reports.get(viewer, reportId).catch((e: unknown) => { if (e instanceof NotFoundError) return null; throw e; });
        if (report && !report.isPublic && report.createdBy !== who.userId && (await this.reports.canEdit(viewer, report))) carried.push(report.id);
      }
    }
    const [kind, name] = storedPrincipal(who);
    const result = await this.audit.recorded(viewer, async (tx) => {
      const written = await this.store.upsert(tx, viewer, type, id, who, level);
      const added: string[] = [];
      for (const reportId of carried) {
        if (await this.store.addViewIfNone(tx, viewer, reportId, who)) added.push(reportId);
      }
      return { ...written, added };
    }, (r) => ({
      action: 'grant.add', targetType: type.toLowerCase(), targetId: id,
      details: { name: object.name, principalType: kind, principal: name, level, before: r.before, ...(r.added.length ? { tileReports: r.added } : {}) },
    }));
    this.reports.forgetAccess();
    return result.grant;
  }

  /** Removes the principal's grant; false (nothing written) when they had none. */
  async revoke(viewer: Viewer, type: SharedObjectType, id: string, principal: Principal): Promise<boolean> {
    const problems = principalProblems(principal, 'VIEW').filter((p) => p.path !== 'principal.role' || !p.message.startsWith('admins'));
    if (problems.length) throw new BadUserInputError(`Invalid principal: ${problems[0]!.path} ${problems[0]!.message}`, problems);
    const object = await this.shareable(viewer, type, id);
    const who: Principal = principal.userId != null ? { userId: principal.userId.trim() } : { role: principal.role! };
    const existing = (await this.store.list(viewer.tenantId, type, id)).find((g) => sameGrantee(g, who));
    if (!existing) return false;
    const [kind, name] = storedPrincipal(who);
    const removed = await this.audit.recorded(viewer, (tx) => this.store.remove(tx, viewer.tenantId, type, id, who), (r) => ({
      action: 'grant.revoke', targetType: type.toLowerCase(), targetId: id,
      details: { name: object.name, principalType: kind, principal: name, level: r?.level ?? existing.level },
    }));
    this.reports.forgetAccess();
    return removed !== null;
  }
}
