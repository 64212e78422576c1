import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type AppContext } from '../../context.js';
import { CATALOG, findTable, type CatalogTable } from './catalog.js';
import { ColumnValue, Table } from './catalog.type.js';
import { COLUMN_VALUES_MAX } from './column-values.js';
import { classOf, CLASSIFICATIONS, DEFAULT_MASKING_POLICY, type ColumnClasses, type RoleMasking } from './masking.js';
import type { StoredMaskingPolicy } from './masking-policy.service.js';
import { ColumnClassificationInput, MaskingPolicyView, MaskingRuleInput } from './masking.type.js';
import type { Role } from '../auth/viewer.js';

function toTable(t: CatalogTable, { modes, classes }: { modes: RoleMasking; classes?: ColumnClasses }): Table {
  return {
    name: t.name,
    label: t.label,
    description: t.description,
    defaultTimeColumn: t.defaultTimeColumn,
    columns: t.columns.map((c) => {
      const classification = classOf(t.name, c, classes);
      return { ...c, type: c.chType, classification, catalogClassification: c.classification, masking: modes[classification] };
    }),
  };
}

function toPolicyView(stored: StoredMaskingPolicy): MaskingPolicyView {
  const roles = Object.keys(DEFAULT_MASKING_POLICY) as Role[];
  return {
    rules: roles.flatMap((role) => CLASSIFICATIONS.map((classification) => ({ role, classification, mode: stored.policy[role][classification] }))),
    isDefault: stored.updatedAt === null,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
  };
}

@Resolver()
export class CatalogResolver {
  @Authorized()
  @Query(() => [Table], { description: 'The tables reports can be built on.' })
  async tables(@Ctx() ctx: AppContext): Promise<Table[]> {
    const viewer = requireViewer(ctx);
    const masking = await ctx.services.masking.maskingFor(viewer.tenantId, viewer.role);
    return CATALOG.map((t) => toTable(t, masking));
  }

  @Authorized()
  @Query(() => Table, { nullable: true, description: 'One table by name; null when it is not in the catalog.' })
  async table(@Ctx() ctx: AppContext, @Arg('name', () => String, { description: 'Table name, e.g. `usage_events`.' }) name: string): Promise<Table | null> {
    const t = findTable(name);
    if (!t) return null;
    const viewer = requireViewer(ctx);
    return toTable(t, await ctx.services.masking.maskingFor(viewer.tenantId, viewer.role));
  }

  @Authorized()
  @Query(() => MaskingPolicyView, { description: "The tenant's masking policy (every role may read it; admins change it with updateMaskingPolicy)." })
  async maskingPolicy(@Ctx() ctx: AppContext): Promise<MaskingPolicyView> {
    return toPolicyView(await ctx.services.masking.stored(requireViewer(ctx).tenantId));
  }

  @Authorized('admin')
  @Mutation(() => MaskingPolicyView, {
    description: "Sets some rules of the tenant's masking policy (admins only; the others stay). Audited as `masking_policy.update` with each rule's old and new mode. "
      + 'Applies to every query compiled from then on, including queued and scheduled exports. BAD_USER_INPUT for an empty list or a role and classification given twice.',
  })
  async updateMaskingPolicy(
    @Ctx() ctx: AppContext,
    @Arg('rules', () => [MaskingRuleInput], { description: 'The rules to set.' }) rules: MaskingRuleInput[],
  ): Promise<MaskingPolicyView> {
    return toPolicyView(await ctx.services.masking.update(requireViewer(ctx), ctx.services.audit, rules));
  }

  @Authorized('admin')
  @Mutation(() => [Table], {
    description: "Classifies catalog columns for the tenant (admins only): each column's class (PUBLIC, INTERNAL, PII) decides, with the masking policy, what each role sees of it. "
      + 'A class equal to the catalog\'s, or null, goes back to the catalog\'s. Audited as `catalog.classify` with each column\'s old and new class (listed in `auditCompliance`). '
      + 'Applies to every query compiled from then on, including queued and scheduled exports. BAD_USER_INPUT at `columns.<i>.table` / `.column` for an unknown one, or a column given twice. Returns the catalog as the admin now sees it.',
  })
  async classifyColumns(
    @Ctx() ctx: AppContext,
    @Arg('columns', () => [ColumnClassificationInput], { description: 'The columns and their classes.' }) columns: ColumnClassificationInput[],
  ): Promise<Table[]> {
    const viewer = requireViewer(ctx);
    await ctx.services.masking.classify(viewer, ctx.services.audit, columns.map((c) => ({ table: c.table, column: c.column, classification: c.classification ?? null })));
    const masking = await ctx.services.masking.maskingFor(viewer.tenantId, viewer.role);
    return CATALOG.map((t) => toTable(t, masking));
  }

  @Authorized()
  @Query(() => [ColumnValue], {
    description: "The most frequent values of a text column in the viewer's tenant, most frequent first, for a filter's value picker. "
      + 'BAD_USER_INPUT for an unknown table or column, for a column that is not text and for one marked `freeText` (ids). Cached for 30 s.',
  })
  columnValues(
    @Ctx() ctx: AppContext,
    @Arg('source', () => String, { description: 'Table name, as a definition\'s `source`.' }) source: string,
    @Arg('field', () => String, { description: 'Column name.' }) field: string,
    @Arg('search', () => String, { nullable: true, description: 'Only values containing this text (case-insensitive).' }) search?: string | null,
    @Arg('first', () => Int, { nullable: true, description: `How many values, 1..${COLUMN_VALUES_MAX} (default 20).` }) first?: number | null,
  ): Promise<ColumnValue[]> {
    return ctx.services.columnValues.values(requireViewer(ctx), { source, field, search, first });
  }
}
