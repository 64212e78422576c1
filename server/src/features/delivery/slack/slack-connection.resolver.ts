import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requireViewer, type AppContext } from '../../../context.js';
import { DateTimeScalar } from '../../../graphql/scalars.js';
import type { SlackConnectionInfo } from './slack-connection.service.js';

@ObjectType({ description: "The tenant's Slack connection. The bot token is stored encrypted and never returned." })
export class SlackConnection {
  @Field(() => Boolean, { description: 'A bot token is connected: schedules may post to `slackChannels`.' }) slackConnected!: boolean;
  @Field(() => String, { nullable: true, description: "The Slack workspace's id (auth.test)." }) teamId!: string | null;
  @Field(() => String, { nullable: true, description: "The Slack workspace's name (auth.test)." }) teamName!: string | null;
  @Field(() => String, { nullable: true, description: 'User id of the admin who connected it.' }) connectedBy!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was connected.' }) connectedAt!: Date | null;
}

const toGraphql = (info: SlackConnectionInfo): SlackConnection => ({
  slackConnected: info.connected, teamId: info.teamId, teamName: info.teamName, connectedBy: info.connectedBy, connectedAt: info.connectedAt,
});

@Resolver()
export class SlackConnectionResolver {
  @Authorized()
  @Query(() => SlackConnection, { description: "Whether the tenant's Slack is connected, and to which workspace." })
  async slackConnection(@Ctx() ctx: AppContext): Promise<SlackConnection> {
    return toGraphql(await ctx.services.slack.get(requireViewer(ctx)));
  }

  @Authorized('admin')
  @Mutation(() => SlackConnection, { description: 'Connects a Slack bot token (xoxb-…, scopes chat:write and files:write) for the tenant (admin). Checked with auth.test (BAD_USER_INPUT when Slack refuses it), stored encrypted, never returned. Replaces an earlier one.' })
  async connectSlack(@Ctx() ctx: AppContext, @Arg('token', () => String, { description: 'The bot token.' }) token: string): Promise<SlackConnection> {
    return toGraphql(await ctx.services.slack.connect(requireViewer(ctx), token));
  }

  @Authorized('admin')
  @Mutation(() => SlackConnection, { description: "Forgets the tenant's Slack token (admin). Deliveries to Slack then fail with a clear reason until it is connected again." })
  async disconnectSlack(@Ctx() ctx: AppContext): Promise<SlackConnection> {
    return toGraphql(await ctx.services.slack.disconnect(requireViewer(ctx)));
  }
}
