/**
 * `node(id)`: any Report, Export, Schedule, Execution or Dashboard by its id alone, as the viewer may read it
 * through its own query (`report`, `export`, `schedule`, `execution`, `dashboard`), and null otherwise: an id of
 * another tenant, a report that is neither public nor the viewer's, a malformed id and a missing
 * one all answer null alike, so nothing reveals that an object exists. Each kind is looked up with
 * its service's own tenant-scoped read; ids are unique across kinds (graphql/node.ts), so at most
 * one answers.
 */
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { requireViewer, type AppContext } from '../../context.js';
import { isUuid } from '../../graphql/ids.js';
import { asNode, Node } from '../../graphql/node.js';
import { NotFoundError } from '../../errors.js';
import { toReport } from '../reports/report.resolver.js';
import { toExport } from '../exports/export.resolver.js';
import { toExecution, toSchedule } from '../schedules/schedule.resolver.js';
import { service as dashboardService, toDashboard } from '../dashboards/dashboard.resolver.js';

/** A read that is NOT_FOUND (missing, or not the viewer's to see) is simply not this kind. */
async function found<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, { nullable: true, description: "Any Report, Export, Schedule, Execution or Dashboard by its id, as the viewer may read it; null for an id that is missing, malformed, another tenant's, or not the viewer's to see." })
  async node(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The object\'s id.' }) id: string): Promise<Node | null> {
    const viewer = requireViewer(ctx);
    if (!isUuid(id)) return null;
    const { reports, exports, schedules } = ctx.services;
    const dashboards = dashboardService(ctx);
    const [report, record, schedule, execution, dashboard] = await Promise.all([
      found(reports.get(viewer, id)),
      found(exports.get(viewer, id)),
      found(schedules.get(viewer, id)),
      found(schedules.execution(viewer, id)),
      found(dashboards.get(viewer, id)),
    ]);
    if (report) return asNode('Report', toReport(report));
    if (record) return asNode('Export', toExport(record));
    if (schedule) return asNode('Schedule', toSchedule(schedule));
    if (execution) return asNode('Execution', toExecution(execution));
    if (dashboard) return asNode('Dashboard', await toDashboard(ctx, viewer, dashboards, dashboard));
    return null;
  }
}
