import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Repeater } from '@graphql-yoga/subscription';
import { requireViewer, type AppContext } from '../../context.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { eventRouter, type EventKey } from '../../graphql/pubsub.js';
import type { ExportEvent } from '../../platform/events.js';
import type { ExportEntity } from './export.entity.js';
import { CreateExportInput, Export, ExportConnection, ExportFilter } from './export.type.js';
import { exportFailure } from './failure-code.js';

type ExportWithLink = Export & { entity: ExportEntity; link?: { url: string; expiresAt: Date } | null };

export function toExport(e: ExportEntity): ExportWithLink {
  const total = e.rowsTotal;
  const percent = e.status === 'COMPLETED' ? 100 : total ? Math.min(100, Math.round((e.rowsWritten / total) * 1000) / 10) : total === 0 ? 0 : null;
  const elapsed = e.startedAt ? (Date.now() - e.startedAt.getTime()) / 1000 : 0;
  const rate = elapsed > 0 ? e.rowsWritten / elapsed : 0;
  const etaSeconds = e.status === 'PROCESSING' && total !== null && rate > 0 ? Math.max(0, Math.round((total - e.rowsWritten) / rate)) : null;
  return {
    ...e,
    entity: e,
    sourceRowCount: total,
    progress: { rowsWritten: e.rowsWritten, rowsTotal: total, bytesWritten: e.bytesWritten, percent, etaSeconds },
    error: exportFailure(e.errorCode, e.errorMessage),
  };
}

/** One link per export object and request: downloadUrl and expiresAt agree. */
function linkOf(root: ExportWithLink, ctx: AppContext): { url: string; expiresAt: Date } | null {
  if (root.link === undefined) root.link = ctx.services.exports.downloadLink(root.entity, ctx.request.baseUrl, ctx.viewer?.userId);
  return root.link;
}

/** The export row read for an event, by the event object every subscriber receives. */
const latest = new WeakMap<ExportEvent, Promise<ExportEntity | null>>();

/**
 * Yields the export now, then again each time an event about it arrives, in order. Listening
 * starts before the first read, so no change between that read and the first event is missed; an
 * event that arrives while an earlier one for the same export still waits its turn replaces it
 * (both would read the same, latest row). After the event listener reconnects (events may have
 * been missed), a subscription to one export re-reads it and sends it if it changed; a
 * tenant-wide one sends the tenant's exports changed since the connection was lost. Revisions
 * keep what is sent in order per export.
 */
function watch(ctx: AppContext, key: EventKey, initial: () => Promise<ExportEntity | null>) {
  return new Repeater<ExportEntity>(async (push, stop) => {
    const viewer = requireViewer(ctx);
    let closed = false;
    const followsOne = 'exportId' in key;
    // Never the same revision of an export twice (an event for a change the first read already
    // saw, a reconnect's re-read that finds nothing new), nor an older one after a newer one (two
    // reads on two pooled connections can finish out of order).
    const sentRevisions = new Map<string, number>();
    // Whether the viewer may still read an export's report or dashboard (a grant revoked while the
    // subscription is open takes effect), asked again at most every READ_RECHECK_MS per export.
    const readable = new Map<string, { at: number; ok: Promise<boolean> }>();
    const mayRead = (record: ExportEntity) => {
      const known = readable.get(record.id);
      if (known && Date.now() - known.at < READ_RECHECK_MS) return known.ok;
      const ok = ctx.services.exports.mayRead(viewer, record, true).catch(() => false);
      readable.set(record.id, { at: Date.now(), ok });
      if (readable.size > SENT_REVISIONS_KEPT) readable.delete(readable.keys().next().value!);
      return ok;
    };
    const send = async (record: ExportEntity) => {
      if (record.revision <= (sentRevisions.get(record.id) ?? -1)) return;
      if (!(await mayRead(record))) return;
      sentRevisions.delete(record.id);
      sentRevisions.set(record.id, record.revision);
      if (sentRevisions.size > SENT_REVISIONS_KEPT) sentRevisions.delete(sentRevisions.keys().next().value!);
      await push(record);
    };
    const waiting = new Map<string, ExportEvent>();
    let turn: Promise<unknown> = initial().then((first) => (first && !closed ? send(first) : undefined));
    turn = turn.catch((error: Error) => stop(error));
    const unlisten = eventRouter.listen(key, (incoming) => {
      let event: ExportEvent;
      if (incoming.type === 'resync') {
        if (!followsOne) {
          // A tenant-wide subscription sends every export changed since the listener was lost
          // (a few seconds' margin for clocks: a repeat is harmless, a gap is not).
          const since = new Date(incoming.since.getTime() - RESYNC_CLOCK_MARGIN_MS);
          turn = turn.then(async () => {
            const changed = closed ? [] : await ctx.services.exports.changedSince(viewer, since, RESYNC_TENANT_LIMIT, ctx.em.fork()).catch(() => []);
            for (const record of changed) if (!closed) await send(record);
          });
          return;
        }
        event = { type: 'export', id: key.exportId, tenantId: viewer.tenantId, status: RESYNC };
      } else {
        if (incoming.tenantId !== viewer.tenantId) return;
        event = incoming;
      }
      const queued = waiting.has(event.id);
      waiting.set(event.id, event);
      if (queued) return;
      turn = turn.then(async () => {
        const next = waiting.get(event.id)!;
        waiting.delete(event.id);
        // A deleted export has nothing left to send (retention deletes old records in bulk).
        if (closed || next.status === 'DELETED') return;
        // The row the event carries; else one read per event, shared by every subscriber it
        // concerns (all of them in its tenant, so the tenant-scoped read is the same for each):
        // 500 subscribers cost one query, not 500. A fresh entity manager: the connection's
        // identity map would serve stale rows.
        let read = latest.get(next);
        if (!read) {
          const readRow = () => ctx.services.exports.get(viewer, next.id, ctx.em.fork()).catch(() => null);
          // A row that cannot be mapped is read instead: a rejection here would stop the queue.
          read = next.row ? Promise.resolve(next.row).then((row) => ctx.services.exports.fromEventRow(viewer, row)).catch(readRow) : readRow();
          latest.set(next, read);
        }
        const record = await read;
        if (!record || closed) return;
        await send(record);
      });
    });
    await stop;
    closed = true;
    unlisten();
  });
}

/** The status of the event a reconnect makes for each subscription (its own: not shared). */
const RESYNC = 'RESYNC';
const RESYNC_CLOCK_MARGIN_MS = 5_000;
/** At most this many exports re-sent to a tenant-wide subscription after a reconnect. */
const RESYNC_TENANT_LIMIT = 500;
/** How long a subscription trusts its answer to "may the viewer read this export" (sharing). */
const READ_RECHECK_MS = 2_000;
/** The exports whose last sent revision a subscription remembers (the most recently sent). */
const SENT_REVISIONS_KEPT = 1_000;

@Resolver(() => Export)
export class ExportResolver {
  @Authorized()
  @Query(() => ExportConnection, { description: "The tenant's exports, newest first." })
  async exports(
    @Ctx() ctx: AppContext,
    @Arg('first', () => Int, { description: 'Page size, 1..500 (default 20).', nullable: true }) first?: number,
    @Arg('after', () => String, { description: 'The previous page\'s `pageInfo.endCursor`.', nullable: true }) after?: string,
    @Arg('filter', () => ExportFilter, { description: 'Only exports matching every field given.', nullable: true }) filter?: ExportFilter,
  ): Promise<ExportConnection> {
    const page = await ctx.services.exports.list(requireViewer(ctx), first, after, filter ?? {});
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toExport(e.node) })) };
  }

  @Authorized()
  @Query(() => Export, { description: 'One export; NOT_FOUND for a missing id and for another tenant\'s.' })
  async export(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The export\'s id.' }) id: string): Promise<Export> {
    return toExport(await ctx.services.exports.get(requireViewer(ctx), id));
  }

  @Authorized()
  @Mutation(() => Export, { description: 'Starts an export of a report; follow it with exportUpdated.' })
  async createExport(@Ctx() ctx: AppContext, @Arg('input', () => CreateExportInput, { description: 'The fields to set.' }) input: CreateExportInput): Promise<Export> {
    const options = input.options ? JSON.parse(JSON.stringify(input.options)) : null;
    return toExport(await ctx.services.exports.create(requireViewer(ctx), { reportId: input.reportId, format: input.format, options, notifyWhenReady: input.notifyWhenReady ?? null }, ctx.request.fromBrowser ? 'MANUAL' : 'API'));
  }

  @Authorized()
  @Mutation(() => Export, { description: 'Stops a PENDING or PROCESSING export within a second.' })
  async cancelExport(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The export\'s id.' }) id: string): Promise<Export> {
    return toExport(await ctx.services.exports.cancel(requireViewer(ctx), id));
  }

  @Authorized()
  @Mutation(() => Export, { description: 'A new attempt of a FAILED or CANCELLED export over the same rows.' })
  async retryExport(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The export\'s id.' }) id: string): Promise<Export> {
    return toExport(await ctx.services.exports.retry(requireViewer(ctx), id));
  }

  @Authorized()
  @Mutation(() => ID, { description: 'Deletes the export and its file; returns the id.' })
  async deleteExport(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The export\'s id.' }) id: string): Promise<string> {
    return ctx.services.exports.delete(requireViewer(ctx), id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer may open the report (`report(id)`): false once it is deleted, and for a private report of someone else.' })
  async reportReadable(@Root() root: ExportWithLink, @Ctx() ctx: AppContext): Promise<boolean> {
    return !!root.reportId && ctx.services.reports.canOpen(requireViewer(ctx), root.reportId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'A fresh, expiring link to the file; null until COMPLETED.' })
  downloadUrl(@Root() root: ExportWithLink, @Ctx() ctx: AppContext): string | null {
    return linkOf(root, ctx)?.url ?? null;
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true, description: 'When downloadUrl stops working.' })
  expiresAt(@Root() root: ExportWithLink, @Ctx() ctx: AppContext): Date | null {
    return linkOf(root, ctx)?.expiresAt ?? null;
  }

  @Authorized()
  @Subscription(() => Export, {
    description: 'The export now, then on every status change and on progress (at most ~4 a second).',
    subscribe: async ({ args, context }) => {
      const ctx = context as AppContext;
      const id = (args as { id: string }).id;
      // Refused up front (NOT_FOUND for another tenant's id) rather than an empty stream.
      await ctx.services.exports.get(requireViewer(ctx), id);
      return watch(ctx, { exportId: id }, async () => ctx.services.exports.get(requireViewer(ctx), id, ctx.em.fork()));
    },
  })
  exportUpdated(@Root() record: ExportEntity, @Arg('id', () => ID, { description: 'The export to follow.' }) _id: string): Export {
    return toExport(record);
  }

  @Authorized()
  @Subscription(() => Export, {
    description: "Every change to any of the viewer's tenant's exports.",
    subscribe: ({ context }) => {
      const viewer = requireViewer(context as AppContext);
      return watch(context as AppContext, { tenantId: viewer.tenantId }, async () => null);
    },
  })
  exportsChanged(@Root() record: ExportEntity): Export {
    return toExport(record);
  }
}
