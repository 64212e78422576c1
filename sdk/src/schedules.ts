/** Schedules: CRUD, pause, resume, run now, upcoming runs and past executions. */
import {
  BackfillScheduleDocument, CreateScheduleDocument, DeleteScheduleDocument, GetScheduleDocument, ListSchedulesDocument,
  PauseScheduleDocument, ResendFailedDeliveriesDocument, ResumeScheduleDocument, RunScheduleNowDocument,
  ScheduleExecutionsDocument, ScheduleUpcomingRunsDocument, UpcomingRunsDocument, UpdateScheduleDocument,
} from './generated/graphql.js';
import { DEFAULT_PAGE_SIZE, paginate, type PageIterator } from './paginate.js';
import type { PageOptions } from './reports.js';
import type { Transport } from './transport.js';
import type { CreateScheduleInput, Execution, Schedule, UpdateScheduleInput } from './types.js';

export interface UpcomingRun {
  /** The instant, ISO-8601 UTC. */
  utc: string;
  /** Wall time with its offset in the schedule's zone, e.g. 2026-03-09T09:00:00-04:00. */
  local: string;
}

export class SchedulesApi {
  constructor(private readonly transport: Transport) {}

  /** Every schedule of the tenant, newest first, page by page as the loop needs them. */
  list(options: PageOptions = {}): PageIterator<Schedule> {
    const first = options.pageSize ?? DEFAULT_PAGE_SIZE;
    return paginate(async (after) => (await this.transport.query(ListSchedulesDocument, { first, after })).schedules, options.after ?? null);
  }

  async get(id: string): Promise<Schedule> {
    return (await this.transport.query(GetScheduleDocument, { id })).schedule;
  }

  /** Give `cron` or `preset` (e.g. `{ preset: 'WEEKLY', dayOfWeek: 1, hour: 9 }`). */
  async create(input: CreateScheduleInput): Promise<Schedule> {
    return (await this.transport.mutate(CreateScheduleDocument, { input })).createSchedule;
  }

  async update(id: string, input: UpdateScheduleInput): Promise<Schedule> {
    return (await this.transport.mutate(UpdateScheduleDocument, { id, input }, { idempotent: true })).updateSchedule;
  }

  async delete(id: string): Promise<string> {
    return (await this.transport.mutate(DeleteScheduleDocument, { id })).deleteSchedule;
  }

  async pause(id: string): Promise<Schedule> {
    return (await this.transport.mutate(PauseScheduleDocument, { id }, { idempotent: true })).pauseSchedule;
  }

  /** Active again from now on: runs missed while paused are not made up. */
  async resume(id: string): Promise<Schedule> {
    return (await this.transport.mutate(ResumeScheduleDocument, { id }, { idempotent: true })).resumeSchedule;
  }

  /** Runs the schedule now (an execution triggered MANUAL); `parameterValues` for this run, over the schedule's. */
  async runNow(id: string, options: { parameterValues?: Record<string, unknown> | null } = {}): Promise<Execution> {
    return (await this.transport.mutate(RunScheduleNowDocument, { id, parameterValues: options.parameterValues ?? null })).runScheduleNow;
  }

  /** One execution per past slot in (from, to], at most 365 days. */
  async backfill(id: string, from: Date | string, to: Date | string, options: { parameterValues?: Record<string, unknown> | null } = {}): Promise<Execution[]> {
    const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);
    return (await this.transport.mutate(BackfillScheduleDocument, { id, from: iso(from), to: iso(to), parameterValues: options.parameterValues ?? null })).backfillSchedule;
  }

  /** Sends an execution's failed deliveries again; sent ones are not repeated. */
  async resendFailedDeliveries(executionId: string): Promise<Execution> {
    return (await this.transport.mutate(ResendFailedDeliveriesDocument, { executionId })).resendFailedDeliveries;
  }

  /**
   * The next runs of a saved schedule (`upcomingRuns(id)`), or of a cron in a zone before saving
   * one (`upcomingRuns({ cron, timezone })`). `count` is 1..20, default 5.
   */
  async upcomingRuns(target: string | { cron: string; timezone?: string }, count = 5): Promise<UpcomingRun[]> {
    if (typeof target === 'string') {
      return (await this.transport.query(ScheduleUpcomingRunsDocument, { id: target, count })).schedule.upcomingRuns;
    }
    const variables = { cron: target.cron, timezone: target.timezone ?? 'UTC', count };
    return (await this.transport.query(UpcomingRunsDocument, variables)).upcomingRuns;
  }

  /** A schedule's executions, newest slot first, with their deliveries. */
  executions(id: string, options: PageOptions = {}): PageIterator<Execution> {
    const first = options.pageSize ?? DEFAULT_PAGE_SIZE;
    return paginate(async (after) => (await this.transport.query(ScheduleExecutionsDocument, { id, first, after })).schedule.executions, options.after ?? null);
  }
}
