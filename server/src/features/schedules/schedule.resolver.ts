import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type AppContext } from '../../context.js';
import { BadUserInputError } from '../../errors.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import { Export, ExportError } from '../exports/export.type.js';
import { executionFailure } from '../exports/failure-code.js';
import { toExport } from '../exports/export.resolver.js';
import { localWallTime, nextRuns, ScheduleInputError, validateCron, validateTimeZone } from './planner.js';
import { describeCron } from './presets.js';
import { skipReason, validateHolidayCalendar, type BusinessDayRule } from './holidays.js';
import type { ExecutionEntity, ScheduleEntity } from './schedule.entity.js';
import {
  CreateScheduleInput, Delivery, Execution, ExecutionConnection, Schedule, ScheduleConnection, UpcomingRun, UpdateScheduleInput,
} from './schedule.type.js';

type ScheduleNode = Schedule & { entity: ScheduleEntity };
type ExecutionNode = Execution & { entity: ExecutionEntity };

const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function toSchedule(s: ScheduleEntity, revealedWebhookSecret: string | null = null): ScheduleNode {
  // The sealed password stays on the entity: the API says only whether there is one.
  const { passwordCiphertext, webhookSecretCiphertext, ...fields } = s;
  // Teams URLs and SFTP keys are credentials: only the redacted URL and the key's existence leave.
  const teamsWebhooks = (s.teamsWebhooks ?? []).map((h) => h.redacted);
  const sftpTargets = (s.sftpTargets ?? []).map(({ privateKeyCiphertext, ...t }) => ({ ...t, hasPrivateKey: privateKeyCiphertext !== '' }));
  return { ...fields, teamsWebhooks, sftpTargets, entity: s, hasWebhookSecret: webhookSecretCiphertext !== null, webhookSecret: revealedWebhookSecret, timezone: s.timeZone, cronDescription: describeCron(s.cron), emailConfig: s.emailConfig ?? {}, passwordProtected: passwordCiphertext !== null, paperSize: s.exportOptions?.paperSize ?? null, orientation: s.exportOptions?.orientation ?? null };
}

export function toExecution(e: ExecutionEntity): ExecutionNode {
  return { ...e, entity: e };
}

/** The most upcoming runs one question answers. */
export const MAX_UPCOMING_RUNS = 20;

/** The next slots, each with why it will be skipped (a weekend or a named public holiday), if it will. */
function upcoming(cron: string, timeZone: string, count: number, rule: BusinessDayRule = { businessDaysOnly: false }, after = new Date()): UpcomingRun[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_UPCOMING_RUNS) throw new BadUserInputError(`count must be 1..${MAX_UPCOMING_RUNS}`, [{ path: 'count', message: `between 1 and ${MAX_UPCOMING_RUNS}` }]);
  try {
    const zone = validateTimeZone(timeZone);
    const calendar = validateHolidayCalendar(rule.holidayCountry, rule.holidayRegion);
    const checked = { businessDaysOnly: rule.businessDaysOnly, holidayCountry: calendar?.country ?? null, holidayRegion: calendar?.region ?? null };
    return nextRuns(validateCron(cron), zone, after, count).map((utc) => ({ utc, local: localWallTime(utc, zone), skipReason: skipReason(utc, zone, checked) }));
  } catch (error) {
    if (error instanceof ScheduleInputError) throw new BadUserInputError(error.message, [{ path: error.path, message: error.message }]);
    throw error;
  }
}

@Resolver(() => Schedule)
export class ScheduleResolver {
  @Authorized()
  @Query(() => ScheduleConnection, { description: "The tenant's schedules, newest first." })
  async schedules(
    @Ctx() ctx: AppContext,
    @Arg('first', () => Int, { description: 'Page size, 1..500 (default 20).', nullable: true }) first?: number,
    @Arg('after', () => String, { description: 'The previous page\'s `pageInfo.endCursor`.', nullable: true }) after?: string,
  ): Promise<ScheduleConnection> {
    const page = await ctx.services.schedules.list(requireViewer(ctx), first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toSchedule(e.node) })) };
  }

  @Authorized()
  @Query(() => Schedule, { description: 'One schedule; NOT_FOUND for a missing id and for another tenant\'s.' })
  async schedule(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The schedule\'s id.' }) id: string): Promise<Schedule> {
    return toSchedule(await ctx.services.schedules.get(requireViewer(ctx), id));
  }

  @Authorized()
  @Query(() => [UpcomingRun], { description: 'The next runs of a cron in a zone, for previewing a schedule before saving it.' })
  upcomingRuns(
    @Ctx() ctx: AppContext,
    @Arg('cron', () => String, { description: '5-field cron, e.g. `0 9 * * 1`.' }) cron: string,
    @Arg('timezone', () => String, { description: 'IANA time zone the cron is read in.', defaultValue: 'UTC' }) timezone: string,
    @Arg('count', () => Int, { description: 'How many runs, 1..20.', defaultValue: 5 }) count: number,
    @Arg('businessDaysOnly', () => Boolean, { description: 'Mark the slots a business-days schedule skips (`skipReason`).', nullable: true }) businessDaysOnly?: boolean | null,
    @Arg('holidayCountry', () => String, { description: 'With businessDaysOnly: also mark this country\'s public holidays (e.g. US).', nullable: true }) holidayCountry?: string | null,
    @Arg('holidayRegion', () => String, { description: 'A region of holidayCountry (e.g. CA).', nullable: true }) holidayRegion?: string | null,
  ): UpcomingRun[] {
    requireViewer(ctx);
    return upcoming(cron, timezone, count, { businessDaysOnly: businessDaysOnly ?? false, holidayCountry, holidayRegion });
  }

  @FieldResolver(() => [UpcomingRun], { name: 'upcomingRuns', description: 'The next runs of this schedule.' })
  scheduleUpcomingRuns(@Root() root: ScheduleNode, @Arg('count', () => Int, { description: 'How many runs, 1..20.', defaultValue: 5 }) count: number): UpcomingRun[] {
    return upcoming(root.cron, root.timezone, count, root);
  }

  @FieldResolver(() => ExecutionConnection, { description: 'Past runs, newest slot first.' })
  async executions(
    @Root() root: ScheduleNode,
    @Ctx() ctx: AppContext,
    @Arg('first', () => Int, { description: 'Page size, 1..500 (default 20).', nullable: true }) first?: number,
    @Arg('after', () => String, { description: 'The previous page\'s `pageInfo.endCursor`.', nullable: true }) after?: string,
  ): Promise<ExecutionConnection> {
    const page = await ctx.services.schedules.executions(root.entity, first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toExecution(e.node) })) };
  }

  @Authorized('editor')
  @Mutation(() => Schedule, { description: 'Creates a schedule (editor or admin); it fires from its next slot.' })
  async createSchedule(@Ctx() ctx: AppContext, @Arg('input', () => CreateScheduleInput, { description: 'The fields to set.' }) input: CreateScheduleInput): Promise<Schedule> {
    const schedule = await ctx.services.schedules.create(requireViewer(ctx), plain(input));
    return toSchedule(schedule, ctx.services.schedules.revealedWebhookSecret(schedule));
  }

  @Authorized('editor')
  @Mutation(() => Schedule, { description: 'Changes a schedule (editor or admin); fields left out stay as they are.' })
  async updateSchedule(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The schedule\'s id.' }) id: string, @Arg('input', () => UpdateScheduleInput, { description: 'The fields to set.' }) input: UpdateScheduleInput): Promise<Schedule> {
    const schedule = await ctx.services.schedules.update(requireViewer(ctx), id, plain(input));
    return toSchedule(schedule, ctx.services.schedules.revealedWebhookSecret(schedule));
  }

  @Authorized('editor')
  @Mutation(() => ID, { description: 'Deletes a schedule; its executions go with it. Returns the id.' })
  async deleteSchedule(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The schedule\'s id.' }) id: string): Promise<string> {
    return ctx.services.schedules.delete(requireViewer(ctx), id);
  }

  @Authorized('editor')
  @Mutation(() => Schedule, { description: 'Stops firing until resumed.' })
  async pauseSchedule(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The schedule\'s id.' }) id: string): Promise<Schedule> {
    return toSchedule(await ctx.services.schedules.pause(requireViewer(ctx), id));
  }

  @Authorized('editor')
  @Mutation(() => Schedule, { description: 'Active again from now on: runs missed while paused are not made up.' })
  async resumeSchedule(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The schedule\'s id.' }) id: string): Promise<Schedule> {
    return toSchedule(await ctx.services.schedules.resume(requireViewer(ctx), id));
  }

  @Authorized('editor')
  @Mutation(() => Execution, { description: 'Runs the schedule now (triggeredBy MANUAL, ahead of scheduled work).' })
  async runScheduleNow(
    @Ctx() ctx: AppContext,
    @Arg('id', () => ID, { description: 'The schedule\'s id.' }) id: string,
    @Arg('parameterValues', () => JSONScalar, { nullable: true, description: "This run's parameter values, over the schedule's (and the report's defaults); checked with paths `parameterValues.<name>` before anything runs." }) parameterValues?: Record<string, unknown> | null,
  ): Promise<Execution> {
    return toExecution(await ctx.services.schedules.runNow(requireViewer(ctx), id, new Date(), parameterValues ?? null));
  }

  @Authorized('editor')
  @Mutation(() => [Execution], { description: 'One execution per slot in (from, to], at most 365 days, each over its own period.' })
  async backfillSchedule(
    @Ctx() ctx: AppContext,
    @Arg('id', () => ID, { description: 'The schedule\'s id.' }) id: string,
    @Arg('from', () => DateTimeScalar, { description: 'Start of the window (exclusive).' }) from: Date,
    @Arg('to', () => DateTimeScalar, { description: 'End of the window (inclusive), not in the future.' }) to: Date,
    @Arg('parameterValues', () => JSONScalar, { nullable: true, description: "These runs' parameter values, over the schedule's (and the report's defaults); checked with paths `parameterValues.<name>` before anything runs." }) parameterValues?: Record<string, unknown> | null,
  ): Promise<Execution[]> {
    return (await ctx.services.schedules.backfill(requireViewer(ctx), id, from, to, parameterValues ?? null)).map(toExecution);
  }

  @Authorized('editor')
  @Mutation(() => String, { description: "Makes a new webhook signing secret (`whsec_…`) for the schedule and returns it this once; the old one stops signing at once. Receivers verify `webhook-signature` with it (Standard Webhooks)." })
  async rotateWebhookSecret(@Ctx() ctx: AppContext, @Arg('scheduleId', () => ID, { description: "The schedule's id." }) scheduleId: string): Promise<string> {
    return ctx.services.schedules.rotateWebhookSecret(requireViewer(ctx), scheduleId);
  }

  @Authorized('editor')
  @Mutation(() => Execution, { description: 'Sends the FAILED and UNCERTAIN deliveries of an execution again (an UNCERTAIN one may then arrive twice); sent ones are not repeated.' })
  async resendFailedDeliveries(@Ctx() ctx: AppContext, @Arg('executionId', () => ID, { description: 'The execution whose failed or uncertain deliveries to send again.' }) executionId: string): Promise<Execution> {
    return toExecution(await ctx.services.schedules.resendFailed(requireViewer(ctx), executionId));
  }
}

@Resolver(() => Execution)
export class ExecutionResolver {
  @FieldResolver(() => [Delivery], { description: 'One record per recipient and S3 target.' })
  async deliveries(@Root() root: ExecutionNode, @Ctx() ctx: AppContext): Promise<Delivery[]> {
    return ctx.services.schedules.deliveries(root.entity);
  }

  @FieldResolver(() => ExportError, { nullable: true, description: "Why the run failed, was skipped or missed, or delivered only in part (`errorCode` MISSED, NOT_A_BUSINESS_DAY, REPORT_DELETED, DELIVERY_FAILED, or its export's own code); null when nothing went wrong." })
  async failure(@Root() root: ExecutionNode, @Ctx() ctx: AppContext): Promise<ExportError | null> {
    // Only a FAILED run with an export needs the export's code (tenant-scoped read).
    const made = root.status === 'FAILED' && root.exportId
      ? await ctx.services.exports.get(requireViewer(ctx), root.exportId).catch(() => null)
      : null;
    return executionFailure({ status: root.status, error: root.error, export: made });
  }

  @FieldResolver(() => Export, { description: 'The export this run made, if any.', nullable: true })
  async export(@Root() root: ExecutionNode, @Ctx() ctx: AppContext): Promise<Export | null> {
    if (!root.exportId) return null;
    const record = await ctx.services.exports.get(requireViewer(ctx), root.exportId).catch(() => null);
    return record ? toExport(record) : null;
  }
}

@Resolver(() => Export)
export class ExportScheduleResolver {
  @FieldResolver(() => Schedule, { nullable: true, description: 'The schedule that produced this export, if any.' })
  async schedule(@Root() root: Export, @Ctx() ctx: AppContext): Promise<Schedule | null> {
    if (!root.scheduleId) return null;
    const s = await ctx.services.schedules.get(requireViewer(ctx), root.scheduleId).catch(() => null);
    return s ? toSchedule(s) : null;
  }
}
