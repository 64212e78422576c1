/**
 * A tenant's Slack connection: an admin gives a bot token, we check it with auth.test (so a typo
 * is a BAD_USER_INPUT now, not a failed run later), and keep it sealed with SECRETS_KEY (context
 * `slack:<tenant>`). The token never leaves again through the API: only whether there is one and
 * the workspace's name.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../../errors.js';
import type { Viewer } from '../../auth/viewer.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import { slackClient, slackSendError } from './slack-sender.js';

export interface SlackConnectionInfo {
  connected: boolean;
  teamId: string | null;
  teamName: string | null;
  connectedBy: string | null;
  connectedAt: Date | null;
}

const NOT_CONNECTED: SlackConnectionInfo = { connected: false, teamId: null, teamName: null, connectedBy: null, connectedAt: null };

export function slackTokenContext(tenantId: string): string {
  return `slack:${tenantId}`;
}

/** The tenant's bot token, opened; null when Slack is not connected. */
export async function slackTokenFor(em: EntityManager, secrets: SecretBox, tenantId: string): Promise<string | null> {
  const [row] = await em.getConnection().execute<{ token_ciphertext: string }[]>('SELECT token_ciphertext FROM slack_connections WHERE tenant_id = ?', [tenantId]);
  return row ? secrets.open(row.token_ciphertext, slackTokenContext(tenantId)) : null;
}

export class SlackConnectionService {
  constructor(
    private readonly em: EntityManager,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    private readonly apiUrl: string,
  ) {}

  async get(viewer: Viewer): Promise<SlackConnectionInfo> {
    const [row] = await this.em.getConnection().execute<{ team_id: string | null; team_name: string | null; connected_by: string; connected_at: Date }[]>(
      'SELECT team_id, team_name, connected_by, connected_at FROM slack_connections WHERE tenant_id = ?', [viewer.tenantId]);
    return row ? { connected: true, teamId: row.team_id, teamName: row.team_name, connectedBy: row.connected_by, connectedAt: new Date(row.connected_at) } : NOT_CONNECTED;
  }

  async connect(viewer: Viewer, rawToken: string): Promise<SlackConnectionInfo> {
    const token = rawToken.trim();
    if (!/^xox[bp]-[A-Za-z0-9-]{10,250}$/.test(token)) {
      throw new BadUserInputError('Not a Slack bot token', [{ path: 'token', message: 'a bot token starts with xoxb-' }]);
    }
    let team: { id: string | null; name: string | null };
    try {
      const answer = await slackClient(token, this.apiUrl, 10_000).auth.test();
      team = { id: answer.team_id ?? null, name: answer.team ?? null };
    } catch (error) {
      const failure = slackSendError(error);
      // Nothing is stored unless Slack accepted the token; a passing failure says to try again.
      if (failure.retryable || failure.ambiguous) throw new BadUserInputError(`Slack could not check the token now; try again (${failure.message})`, [{ path: 'token', message: failure.message }]);
      throw new BadUserInputError(`Slack did not accept the token: ${failure.message}`, [{ path: 'token', message: failure.message }]);
    }
    const sealed = this.secrets.seal(token, slackTokenContext(viewer.tenantId));
    await this.audit.recorded(viewer, (tx) => tx.getConnection().execute(
      `INSERT INTO slack_connections (tenant_id, token_ciphertext, team_id, team_name, connected_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id) DO UPDATE SET token_ciphertext = EXCLUDED.token_ciphertext, team_id = EXCLUDED.team_id,
         team_name = EXCLUDED.team_name, connected_by = EXCLUDED.connected_by, connected_at = now()`,
      [viewer.tenantId, sealed, team.id, team.name, viewer.userId], 'run', tx.getTransactionContext()),
    () => ({ action: 'slack.connect', targetType: 'tenant', targetId: viewer.tenantId, details: { teamId: team.id, teamName: team.name } }));
    return this.get(viewer);
  }

  async disconnect(viewer: Viewer): Promise<SlackConnectionInfo> {
    await this.audit.recorded(viewer, (tx) => tx.getConnection().execute('DELETE FROM slack_connections WHERE tenant_id = ?', [viewer.tenantId], 'run', tx.getTransactionContext()),
      () => ({ action: 'slack.disconnect', targetType: 'tenant', targetId: viewer.tenantId, details: {} }));
    return NOT_CONNECTED;
  }
}
