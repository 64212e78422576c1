/**
 * Per-request context: who is asking (verified from the bearer token), an entity-manager fork of
 * its own, and the feature services bound to both.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthChecker } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from './errors.js';
import { hasRole, isRole, type Viewer } from './features/auth/viewer.js';
import { ReportService } from './features/reports/report.service.js';
import { PreviewService } from './features/reports/preview.service.js';
import type { AnalyticsStore } from './platform/analytics-store.js';
import type { DefinitionLimits } from './features/reports/definition.js';

export interface Services {
  reports: ReportService;
  preview: PreviewService;
}

export interface AppContext {
  viewer: Viewer | null;
  em: EntityManager;
  services: Services;
}

export interface ContextDeps {
  em: EntityManager;
  analytics: AnalyticsStore;
  limits: DefinitionLimits;
}

export function createContext(deps: ContextDeps, viewer: Viewer | null): AppContext {
  const em = deps.em.fork();
  return {
    viewer,
    em,
    services: {
      reports: new ReportService(em, deps.limits),
      preview: new PreviewService(deps.analytics, deps.limits),
    },
  };
}

export function requireViewer(ctx: AppContext): Viewer {
  if (!ctx.viewer) throw new UnauthenticatedError();
  return ctx.viewer;
}

/** `@Authorized()` needs any viewer; `@Authorized('editor')` needs that role or higher. */
export const authChecker: AuthChecker<AppContext> = ({ context }, roles) => {
  const viewer = requireViewer(context);
  const required = roles.find(isRole);
  if (required && !hasRole(viewer, required)) throw new ForbiddenError(`This needs the ${required} role`);
  return true;
};
