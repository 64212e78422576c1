/**
 * Paginated preview of a report. Paging is offset-based over a totally ordered result, and the
 * cursor carries the as-of instant of the first page: a relative range ("last 7 days") therefore
 * covers the same window on every page, so pages never overlap or skip even as time moves on.
 */
import { createHash } from 'node:crypto';
import type { AnalyticsStore } from '../../platform/analytics-store.js';
import { BadUserInputError } from '../../errors.js';
import { DEFAULT_PREVIEW_PAGE, clampFirst, decodeCursor, encodeCursor, type PageInfo } from '../../graphql/connection.js';
import type { Viewer } from '../auth/viewer.js';
import type { DefinitionLimits, ReportDefinition } from './definition.js';
import { offsetDateTimeText } from '../calendar/zone-clock.js';
import { zonedDateTimeText } from '../exports/writers/cell-values.js';
import { compileCount, compilePage, compileReport, maskingViolations, resolveTimeWindow, type CompiledQuery, type OutputColumn } from './compile-query.js';
import type { QueryResult } from '../../platform/analytics-store.js';
import type { MaskingPolicyService } from '../catalog/masking-policy.service.js';
import { validateDefinition, type NormalizedDefinition, type ValidationResult } from './validate-definition.js';
import { deepFrozen } from '../../platform/deep-frozen.js';
import type { ColumnMasking } from '../catalog/masking.js';
import { bindParameterValues } from './parameters/bind.js';

const PREVIEW_TIMEOUT_MS = 60_000;

export interface PreviewPage {
  columns: { name: string; label: string; type: OutputColumn['kind'] }[];
  rows: unknown[][];
  totalCount: number;
  truncated: boolean;
  pageInfo: PageInfo;
  asOf: Date;
  timeZone: string;
  window: { from: Date; to: Date; fromLocal: string; toLocal: string } | null;
  elapsedMs: number;
  parameterValues: Record<string, unknown> | null;
}

/** o: offset; a: as-of; h: definition fingerprint; c: the first page's count (optional: older cursors lack it). */
type PreviewCursor = { o: number; a: string; h: string; c?: number };
/** DateTime64's range in ClickHouse: a tampered as-of outside it is a bad cursor, not an engine error. */
const MIN_AS_OF = Date.UTC(1900, 0, 1);
const MAX_AS_OF = Date.UTC(2299, 11, 31);
const isPreviewCursor = (v: unknown): v is PreviewCursor => {
  const c = v as PreviewCursor;
  if (typeof v !== 'object' || v === null || typeof c.a !== 'string' || typeof c.h !== 'string') return false;
  const asOf = Date.parse(c.a);
  return Number.isSafeInteger(c.o) && c.o >= 0 && asOf >= MIN_AS_OF && asOf <= MAX_AS_OF && (c.c === undefined || (Number.isSafeInteger(c.c) && c.c >= 0));
};

function fingerprint(definition: unknown): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('base64url').slice(0, 16);
}

/**
 * A shared, frozen definition's validation (per limits): the requests of a burst that joined one
 * lookup (report.service.ts readableDefinition) get the same frozen object. Keyed by the objects
 * themselves: gone with them.
 */
const VALIDATED = new WeakMap<object, { limits: DefinitionLimits; result: ValidationResult }>();

/**
 * What a preview compiles from a shared (frozen) definition and masking, per everything else
 * compiling reads: tenant, database, range limit and the time window at the request's instant.
 * The requests of a burst that joined one definition lookup compile it once (the same SQL and
 * parameter objects then reach the shared query store). A rolling window moves with every
 * instant, so each pair keeps its latest few.
 */
interface CompiledPreview {
  full: CompiledQuery;
  columns: PreviewPage['columns'];
  /** Indexes of the instant (DATETIME) columns, shown in the report's zone. */
  instants: number[];
  count: CompiledQuery | null;
  pages: Map<string, CompiledQuery>;
}

/** What follows from one shared definition with one shared masking (its masking comes from one lookup too): its cursor fingerprint, and its compiled queries by context. */
interface SharedPair {
  fingerprint: string;
  compiled: Map<string, CompiledPreview>;
}
const PAIRS = new WeakMap<object, WeakMap<ColumnMasking, SharedPair>>();
const COMPILED_PER_PAIR = 8;
const PAGES_PER_COMPILED = 16;

/** The pair's shared state, or null when the definition is the caller's own (not frozen): then each request works it out. */
function sharedPair(definition: NormalizedDefinition, masking: ColumnMasking): SharedPair | null {
  if (!Object.isFrozen(definition)) return null;
  let byMasking = PAIRS.get(definition);
  if (!byMasking) PAIRS.set(definition, (byMasking = new WeakMap()));
  let pair = byMasking.get(masking);
  if (!pair) byMasking.set(masking, (pair = { fingerprint: fingerprint({ definition, modes: masking.modes }), compiled: new Map() }));
  return pair;
}

/** A shared page result's rows with their instants as zoned text, per zone: formatted once however many requests show it. */
const ZONED_ROWS = new WeakMap<QueryResult, Map<string, unknown[][]>>();

/** Adds to a bounded Map, dropping its oldest entry when full. */
function keep<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
  if (map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}

/** Instants are shown in the report's zone, with the offset: the same rule as JSON exports. */
function zonedRows(result: QueryResult, instants: number[], timeZone: string): unknown[][] {
  if (instants.length === 0) return result.rows;
  let byZone = ZONED_ROWS.get(result);
  if (!byZone) ZONED_ROWS.set(result, (byZone = new Map()));
  let rows = byZone.get(timeZone);
  if (!rows) {
    rows = result.rows.map((row) => {
      const out = [...row];
      for (const i of instants) out[i] = zonedDateTimeText(out[i], timeZone, 'ISO_OFFSET') ?? out[i];
      return out;
    });
    byZone.set(timeZone, rows);
  }
  return rows;
}

function compiledPreview(full: CompiledQuery): CompiledPreview {
  return {
    full,
    columns: full.columns.map((c) => ({ name: c.key, label: c.label, type: c.kind })),
    instants: full.columns.flatMap((c, i) => (c.kind === 'DATETIME' ? [i] : [])),
    count: null,
    pages: new Map(),
  };
}

export class PreviewService {
  constructor(
    private readonly store: AnalyticsStore,
    private readonly limits: DefinitionLimits,
    private readonly masking: MaskingPolicyService,
  ) {}

  /** validateDefinition, worked out once per shared (frozen) definition; its result frozen too. */
  private validated(raw: ReportDefinition): ValidationResult {
    if (!Object.isFrozen(raw)) return validateDefinition(raw, this.limits);
    const known = VALIDATED.get(raw);
    if (known?.limits === this.limits) return known.result;
    const result = deepFrozen(validateDefinition(raw, this.limits));
    VALIDATED.set(raw, { limits: this.limits, result });
    return result;
  }

  /** The definition compiled for this request, shared with the burst's others when the pair is (see CompiledPreview). */
  private compiled(pair: SharedPair | null, definition: NormalizedDefinition, masking: ColumnMasking, tenantId: string, asOf: Date, window: { from: Date; to: Date } | null): CompiledPreview {
    const compile = () => compiledPreview(compileReport(definition, {
      tenantId, asOf, database: this.store.database, maxRangeDays: this.limits.maxRangeDays, timeZone: definition.timeZone, masking,
    }));
    if (!pair) return compile();
    const key = `${tenantId}\n${this.store.database}\n${this.limits.maxRangeDays}\n${window ? `${window.from.getTime()}/${window.to.getTime()}` : '-'}`;
    return pair.compiled.get(key) ?? keep(pair.compiled, key, compile(), COMPILED_PER_PAIR);
  }

  /**
   * One page of the definition's rows. `rawDefinition` may still be on its way (a saved report
   * being read): the tenant's masking is read meanwhile, not after it, so the query starts one
   * PostgreSQL round trip sooner (in a burst, each round trip waits behind the other requests).
   */
  async preview(viewer: Viewer, rawDefinition: ReportDefinition | Promise<ReportDefinition>, first?: number | null, after?: string | null, parameterValues?: unknown): Promise<PreviewPage> {
    const started = performance.now();
    const [raw, masking] = await Promise.all([rawDefinition, this.masking.maskingFor(viewer.tenantId, viewer.role)]);
    const checked = this.validated(raw);
    if (!checked.valid) {
      throw new BadUserInputError(`Invalid report definition: ${checked.errors[0]!.path} ${checked.errors[0]!.message}`,
        checked.errors.map((e) => ({ path: `input.definition.${e.path}`, message: e.message })));
    }
    // Values over defaults, refused with their paths before anything runs; part of the fingerprint.
    const bound = bindParameterValues(checked.definition, parameterValues, 'input.parameterValues', this.limits.maxRangeDays);
    if (!bound.ok) throw new BadUserInputError(`Invalid parameter value: ${bound.errors[0]!.path} ${bound.errors[0]!.message}`, bound.errors);
    const definition = bound.definition;
    const refused = maskingViolations(definition, masking);
    if (refused.length) {
      throw new BadUserInputError(`Masked for the ${viewer.role} role: ${refused[0]!.message}`,
        refused.map((e) => ({ path: `input.definition.${e.path}`, message: e.message })));
    }
    // The policy is part of what a page is computed from: a cursor from before a change is stale.
    const pair = sharedPair(definition, masking);
    const hash = pair?.fingerprint ?? fingerprint({ definition, modes: masking.modes });
    let offset = 0;
    let asOf = new Date();
    // Later pages read the same window as of the same instant: the first page's count holds, so
    // only the page query runs (a third less engine work per page of the seeded report).
    let knownCount: number | null = null;
    if (after) {
      const cursor = decodeCursor(after, isPreviewCursor, 'input.after');
      // A cursor from another definition would page through a different result.
      if (cursor.h !== hash) throw new BadUserInputError('Cursor belongs to another report definition', [{ path: 'input.after', message: 'does not match this definition' }]);
      offset = cursor.o;
      asOf = new Date(cursor.a);
      knownCount = cursor.c ?? null;
    }
    const rowLimit = definition.rowLimit;
    const pageSize = Math.min(clampFirst(first, DEFAULT_PREVIEW_PAGE), Math.max(0, rowLimit - offset));
    const timeZone = definition.timeZone;
    const window = resolveTimeWindow(definition, asOf, timeZone);
    const compiled = this.compiled(pair, definition, masking, viewer.tenantId, asOf, window);
    const full = compiled.full;
    // A timer cleared when the queries end: AbortSignal.timeout would keep each signal, and what
    // the engine hung on it, alive for the whole timeout after the answer (memory under load).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The preview took too long', 'TimeoutError')), PREVIEW_TIMEOUT_MS);
    const signal = controller.signal;
    const countQuery = (compiled.count ??= compileCount(full, rowLimit));
    const pageKey = `${offset}:${pageSize}`;
    const pageQuery = compiled.pages.get(pageKey) ?? keep(compiled.pages, pageKey, compilePage(full, offset, pageSize), PAGES_PER_COMPILED);
    const [counted, pageResult] = await Promise.all([
      knownCount ?? this.store.query(countQuery.sql, countQuery.params, { signal }).then((r) => Number(r.rows[0]?.[0] ?? 0)),
      pageSize > 0 ? this.store.query(pageQuery.sql, pageQuery.params, { signal }) : Promise.resolve({ columns: [], rows: [] }),
    ]).finally(() => clearTimeout(timer));
    const totalCount = Math.min(counted, rowLimit);
    const end = offset + pageResult.rows.length;
    const hasNextPage = end < totalCount;
    return {
      columns: compiled.columns,
      rows: zonedRows(pageResult, compiled.instants, timeZone),
      totalCount,
      truncated: counted > rowLimit,
      pageInfo: {
        hasNextPage,
        endCursor: hasNextPage ? encodeCursor({ o: end, a: asOf.toISOString(), h: hash, c: counted }) : null,
        hasPreviousPage: offset > 0,
        startCursor: null,
      },
      asOf,
      timeZone,
      window: window && {
        ...window, fromLocal: offsetDateTimeText(window.from.getTime(), timeZone), toLocal: offsetDateTimeText(window.to.getTime(), timeZone),
      },
      elapsedMs: Math.round(performance.now() - started),
      parameterValues: definition.parameterValues ?? null,
    };
  }
}
