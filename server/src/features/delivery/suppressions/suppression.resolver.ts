import { Arg, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { requireViewer, type AppContext } from '../../../context.js';
import { DateTimeScalar } from '../../../graphql/scalars.js';
import { SuppressionService, type SuppressionReason } from './suppression.service.js';

enum SuppressionReasonEnum {
  UNSUBSCRIBED = 'UNSUBSCRIBED',
  BOUNCED = 'BOUNCED',
  DROPPED = 'DROPPED',
  SPAM_REPORT = 'SPAM_REPORT',
}
registerEnumType(SuppressionReasonEnum, {
  name: 'SuppressionReason',
  description: 'Why an address gets no mail.',
  valuesConfig: {
    UNSUBSCRIBED: { description: 'The recipient unsubscribed from one schedule (one-click or the unsubscribe page).' },
    BOUNCED: { description: 'The provider reported a bounce: the address does not accept mail. Tenant-wide.' },
    DROPPED: { description: 'The provider dropped a message to it (an earlier bounce, invalid address). Tenant-wide.' },
    SPAM_REPORT: { description: 'The recipient reported a message as spam. Tenant-wide.' },
  },
});

@ObjectType({ description: "An address on the tenant's suppression list: consulted before every send." })
export class Suppression {
  @Field(() => ID, { description: 'Entry id (for removeSuppression).' })
  id!: string;

  @Field(() => String, { description: 'The address, lower-cased.' })
  email!: string;

  @Field(() => SuppressionReasonEnum, { description: 'Why it is suppressed.' })
  reason!: SuppressionReason;

  @Field(() => ID, { nullable: true, description: 'The schedule an unsubscribe applies to; null: every schedule of the tenant.' })
  scheduleId!: string | null;

  @Field(() => String, { nullable: true, description: "The provider's words (bounce reason), when it gave some." })
  detail!: string | null;

  @Field(() => ID, { nullable: true, description: 'The delivery whose event put it here, when one did.' })
  deliveryId!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was added (UTC).' })
  createdAt!: Date;
}

@Resolver()
export class SuppressionResolver {
  @Authorized('admin')
  @Query(() => [Suppression], { description: "The tenant's suppression list, newest first (admins)." })
  suppressions(
    @Ctx() ctx: AppContext,
    @Arg('email', () => String, { nullable: true, description: 'Only this address (any case).' }) email?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many, 1..500 (default 100).' }) first?: number | null,
  ): Promise<Suppression[]> {
    return new SuppressionService(ctx.em, ctx.services.audit).list(requireViewer(ctx).tenantId, { email, first });
  }

  @Authorized('admin')
  @Mutation(() => Suppression, { description: 'Lets mail go to an address again (audited as suppression.remove). Returns the removed entry.' })
  removeSuppression(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The entry to remove.' }) id: string): Promise<Suppression> {
    const viewer = requireViewer(ctx);
    return new SuppressionService(ctx.em, ctx.services.audit).remove({ tenantId: viewer.tenantId, userId: viewer.userId }, id);
  }
}
