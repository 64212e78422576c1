/**
 * Per-request context: who is asking (verified from the bearer token), where from, an
 * entity-manager fork of its own, and the feature services bound to them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthChecker } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from './errors.js';
import { hasRole, isRole, type Viewer } from './features/auth/viewer.js';
import { AuditService } from './features/audit/audit.service.js';
import { AuditExportService } from './features/audit/audit-export.service.js';
import type { TokenUses } from './features/audit/token-uses.js';
import type { AuditWriter } from './features/audit/audit-writer.js';
import { ExportService, type ExportServiceDeps } from './features/exports/export.service.js';
import { ReportService } from './features/reports/report.service.js';
import { ScheduleService } from './features/schedules/schedule.service.js';
import { SlackConnectionService } from './features/delivery/slack/slack-connection.service.js';
import { PreviewService } from './features/reports/preview.service.js';
import { ColumnValuesService } from './features/catalog/column-values.js';
import { MaskingPolicyService } from './features/catalog/masking-policy.service.js';
import { QuotaService, type QuotaLimits } from './features/quotas/quotas.js';
import type { AnalyticsStore } from './platform/analytics-store.js';
import type { DefinitionLimits, ReportDefinition } from './features/reports/definition.js';
import type { ColumnMasking } from './features/catalog/masking.js';
import { SingleFlight } from './platform/single-flight.js';

export interface Services {
  reports: ReportService;
  preview: PreviewService;
  columnValues: ColumnValuesService;
  exports: ExportService;
  audit: AuditService;
  auditExports: AuditExportService;
  schedules: ScheduleService;
  masking: MaskingPolicyService;
  slack: SlackConnectionService;
}

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  /** Origin clients reach this server at, for absolute links. */
  baseUrl: string;
  /** The builder SPA marks its requests, so its exports count as MANUAL rather than API. */
  fromBrowser: boolean;
}

export interface AppContext {
  viewer: Viewer | null;
  em: EntityManager;
  request: RequestInfo;
  services: Services;
  /** Resolves once the audit entries of the reads this context ran are committed (deferAuditedReads; none: at once). */
  readEntriesWritten(): Promise<void>;
}

export interface ContextDeps {
  em: EntityManager;
  analytics: AnalyticsStore;
  limits: DefinitionLimits;
  exports: ExportServiceDeps;
  /** Root of the tenants' masking keys (SECRETS_KEY or its development stand-in). */
  maskingSecret: string;
  /** The configured quota defaults (features/quotas), overridden per tenant in tenant_quotas. */
  quotas?: QuotaLimits;
  /** AUDIT_READS: previews and report reads are audited (default on). */
  auditReads?: boolean;
  /** Batches the audit entries of reads (audit-writer.ts); absent: one INSERT each. */
  auditWriter?: AuditWriter;
  /** Records each bearer token's first use (`auth.token_use`); absent: not recorded. */
  tokenUses?: TokenUses;
  /** Slack's API base (SLACK_API_URL) and the webhook URL rules (private targets outside production only). */
  destinations?: { slackApiUrl: string; allowPrivateWebhooks: boolean };
  /** Lookups that concurrent requests share while in flight (platform/single-flight.ts); absent: each request reads its own. */
  readFlights?: ReadFlights;
}

/** One per process: the requests' shared in-flight reads, keyed by everything their answers depend on. */
export interface ReadFlights {
  /** A report's definition for one viewer (tenant, user, role) and report (ReportService.readableDefinition). */
  definitions: SingleFlight<ReportDefinition>;
  /** A tenant's masking for one role (MaskingPolicyService.maskingFor). */
  masking: SingleFlight<ColumnMasking>;
  /** Whether a viewer may read a report or dashboard, asked afresh (ExportService.mayRead): each subscription to its exports asks every few seconds. */
  readable: SingleFlight<boolean>;
}

export function createReadFlights(): ReadFlights {
  return { definitions: new SingleFlight(), masking: new SingleFlight(), readable: new SingleFlight() };
}

export interface ContextOptions {
  /** The transport waits for the audit entries of reads itself, after execution (AuditService.deferReadEntries). */
  deferAuditedReads?: boolean;
}

/**
 * The entity-manager fork and each service are made when first used: `{ __typename }` needs none
 * of them, a preview four of ten. A request's context lives as long as the request does, and in a
 * burst of 200 every one of them is alive at once, copied by each young-generation collection.
 */
export function createContext(deps: ContextDeps, viewer: Viewer | null, request: RequestInfo, options: ContextOptions = {}): AppContext {
  let forked: EntityManager | undefined;
  const em = () => (forked ??= deps.em.fork());
  const made: Partial<Services> = {};
  const once = <K extends keyof Services>(key: K, make: () => Services[K]): Services[K] => (made[key] ??= make()) as Services[K];
  let quotaService: QuotaService | null | undefined;
  const quotas = () => (quotaService === undefined ? (quotaService = deps.quotas ? new QuotaService(deps.quotas) : null) : quotaService);
  const services: Services = {
    get audit() {
      return once('audit', () => {
        const audit = new AuditService(em(), request, { reads: deps.auditReads ?? true, ...(deps.auditWriter ? { writer: deps.auditWriter } : {}) });
        if (options.deferAuditedReads) audit.deferReadEntries();
        return audit;
      });
    },
    get reports() { return once('reports', () => new ReportService(em(), deps.limits, services.audit, deps.readFlights?.definitions)); },
    get masking() { return once('masking', () => new MaskingPolicyService(em(), deps.maskingSecret, deps.readFlights?.masking)); },
    get preview() { return once('preview', () => new PreviewService(deps.analytics, deps.limits, services.masking)); },
    get columnValues() { return once('columnValues', () => new ColumnValuesService(deps.analytics, deps.limits, services.masking)); },
    get exports() {
      return once('exports', () => new ExportService(em(), deps.exports, services.reports, services.audit, deps.limits, services.masking, quotas(), deps.readFlights?.readable));
    },
    get auditExports() { return once('auditExports', () => new AuditExportService(em(), deps.exports, services.audit)); },
    get schedules() {
      return once('schedules', () => new ScheduleService(em(), services.reports, services.audit, deps.exports.maxAttempts, deps.exports.secrets, quotas(),
        { allowPrivateWebhooks: deps.destinations?.allowPrivateWebhooks ?? false }));
    },
    get slack() { return once('slack', () => new SlackConnectionService(em(), deps.exports.secrets, services.audit, deps.destinations?.slackApiUrl ?? 'https://slack.com/api/')); },
  };
  // Asked of every HTTP operation: one that made no audit service has no entries (and needs no fork).
  const readEntriesWritten = () => made.audit?.readEntriesWritten() ?? Promise.resolve();
  return new LazyContext(viewer, request, services, em, readEntriesWritten);
}

/**
 * The context with `em` as a getter on the prototype: Apollo copies a context's own properties
 * into a fresh object for each operation (ApolloServer cloneObject), which would call an own getter
 * and fork for every request; the copy keeps the prototype, and `forkOnce` is shared by both.
 */
class LazyContext implements AppContext {
  constructor(
    readonly viewer: Viewer | null,
    readonly request: RequestInfo,
    readonly services: Services,
    private readonly forkOnce: () => EntityManager,
    readonly readEntriesWritten: () => Promise<void>,
  ) {}

  get em(): EntityManager {
    return this.forkOnce();
  }
}

export function requireViewer(ctx: AppContext): Viewer {
  if (!ctx.viewer) throw new UnauthenticatedError();
  return ctx.viewer;
}

/** `@Authorized()` needs any viewer; `@Authorized('editor')` needs that role or higher. */
export const authChecker: AuthChecker<AppContext> = async ({ context, info }, roles) => {
  const viewer = requireViewer(context);
  const required = roles.find(isRole);
  if (required && !hasRole(viewer, required)) {
    // A refusal is worth knowing about (who tried to read the audit log?): recorded as DENIED.
    await context.services.audit.denied(viewer, `${info.parentType.name}.${info.fieldName}`, required);
    throw new ForbiddenError(`This needs the ${required} role`);
  }
  return true;
};
