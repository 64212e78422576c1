import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type AppContext } from '../../context.js';
import { BadUserInputError } from '../../errors.js';
import { roleNameOf } from '../auth/me.resolver.js';
import { DashboardService } from '../dashboards/dashboard.service.js';
import { Dashboard } from '../dashboards/dashboard.type.js';
import { Report } from '../reports/report.type.js';
import type { AccessLevel, SharedObjectType } from './access.js';
import type { GrantRow } from './grant.store.js';
import { AccessGrant, AccessLevelEnum, PrincipalInput, SharedObjectTypeEnum, ShareableUser } from './grant.type.js';
import { SharingService } from './sharing.service.js';

const sharing = (ctx: AppContext) =>
  new SharingService(ctx.em, ctx.services.reports, new DashboardService(ctx.em, ctx.services.reports, ctx.services.preview, ctx.services.audit), ctx.services.audit);

const toGrant = (g: GrantRow): AccessGrant => ({ ...g });

/** GraphQL input objects are class instances. */
const principalOf = (p: PrincipalInput) => ({ userId: p.userId ?? null, role: p.role ?? null });

@Resolver()
export class SharingResolver {
  @Authorized('editor')
  @Mutation(() => AccessGrant, {
    description: 'Gives a user of your tenant, or everyone with a role (or a higher one), VIEW or EDIT on a report or dashboard; granting again changes the level. '
      + 'Needs EDIT on the object (FORBIDDEN otherwise; NOT_FOUND when you cannot read it). A user must have signed in to your tenant (else BAD_USER_INPUT at `principal.userId`). '
      + 'Sharing a dashboard also gives VIEW on its tiles\' private reports you may share, unless `includeTileReports` is false. Audited as `grant.add` (target `report:<id>` or `dashboard:<id>`; listed by `auditCompliance`).',
  })
  async grantAccess(
    @Ctx() ctx: AppContext,
    @Arg('objectType', () => SharedObjectTypeEnum, { description: 'REPORT or DASHBOARD.' }) objectType: SharedObjectType,
    @Arg('objectId', () => ID, { description: 'The report\'s or dashboard\'s id.' }) objectId: string,
    @Arg('principal', () => PrincipalInput, { description: 'Exactly one of userId and role.' }) principal: PrincipalInput,
    @Arg('level', () => AccessLevelEnum, { description: 'VIEW or EDIT.' }) level: AccessLevel,
    @Arg('includeTileReports', () => Boolean, { nullable: true, defaultValue: true, description: 'For a dashboard: also give VIEW on its tiles\' private reports you may share (default true).' }) includeTileReports?: boolean | null,
  ): Promise<AccessGrant> {
    return toGrant(await sharing(ctx).grant(requireViewer(ctx), objectType, objectId, principalOf(principal), level, includeTileReports ?? true));
  }

  @Authorized('editor')
  @Mutation(() => Boolean, {
    description: 'Removes a user\'s or role\'s grant on a report or dashboard: true when there was one (audited as `grant.revoke`), false when there was none. '
      + 'Takes effect at once on every read path, and on the next run of a schedule its owner can no longer read (ACCESS_REVOKED).',
  })
  async revokeAccess(
    @Ctx() ctx: AppContext,
    @Arg('objectType', () => SharedObjectTypeEnum, { description: 'REPORT or DASHBOARD.' }) objectType: SharedObjectType,
    @Arg('objectId', () => ID, { description: 'The report\'s or dashboard\'s id.' }) objectId: string,
    @Arg('principal', () => PrincipalInput, { description: 'Exactly one of userId and role.' }) principal: PrincipalInput,
  ): Promise<boolean> {
    return sharing(ctx).revoke(requireViewer(ctx), objectType, objectId, principalOf(principal));
  }

  @Authorized('editor')
  @Query(() => [ShareableUser], { description: 'Users of your tenant who have signed in (most recent first), for choosing whom to share with; `search` matches part of the id.' })
  async shareableUsers(
    @Ctx() ctx: AppContext,
    @Arg('search', () => String, { nullable: true, description: 'Part of a user id (case-insensitive).' }) search?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many, 1..200 (default 50).' }) first?: number | null,
  ): Promise<ShareableUser[]> {
    const viewer = requireViewer(ctx);
    if (search && search.length > 200) throw new BadUserInputError('search must be at most 200 characters', [{ path: 'search', message: 'at most 200 characters' }]);
    const users = await ctx.services.reports.grants.users(viewer.tenantId, search?.trim() || null, Math.min(200, Math.max(1, first ?? 50)));
    return users.map((u) => ({ userId: u.userId, roleName: u.role ? roleNameOf(u.role) : null, lastSeenAt: u.lastSeenAt }));
  }
}

@Resolver(() => Report)
export class ReportSharingResolver {
  @FieldResolver(() => [AccessGrant], { nullable: true, description: 'Who the report is shared with (users and roles, with their level); null unless you may share it (its owner, an admin, an EDIT grantee who is an editor).' })
  async grants(@Root() report: Report, @Ctx() ctx: AppContext): Promise<AccessGrant[] | null> {
    return (await sharing(ctx).grantsOf(requireViewer(ctx), 'REPORT', report.id))?.map(toGrant) ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may change, delete and share it (its owner, an admin, an EDIT grant, or any editor for a public report).' })
  canEdit(@Root() report: Report, @Ctx() ctx: AppContext): Promise<boolean> {
    return ctx.services.reports.canEdit(requireViewer(ctx), report);
  }
}

@Resolver(() => Dashboard)
export class DashboardSharingResolver {
  @FieldResolver(() => [AccessGrant], { nullable: true, description: 'Who the dashboard is shared with (users and roles, with their level); null unless you may share it (its owner, an admin, an EDIT grantee who is an editor).' })
  async grants(@Root() dashboard: Dashboard, @Ctx() ctx: AppContext): Promise<AccessGrant[] | null> {
    if (!dashboard.canEdit) return null;
    return (await sharing(ctx).grantsOf(requireViewer(ctx), 'DASHBOARD', dashboard.id))?.map(toGrant) ?? null;
  }
}
