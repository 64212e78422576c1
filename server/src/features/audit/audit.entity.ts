import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { AuditOutcome } from './audit-filter.js';

@Entity({ tableName: 'audit_log' })
export class AuditEntry {
  @PrimaryKey({ type: 'bigint' })
  id!: string;

  @Property({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text', fieldName: 'target_type' })
  targetType!: string;

  @Property({ type: 'text', fieldName: 'target_id', nullable: true })
  targetId: string | null = null;

  @Property({ type: 'json' })
  details: Record<string, unknown> = {};

  /** SUCCESS, DENIED or FAILURE (audit-filter.ts AUDIT_OUTCOMES). */
  @Property({ type: 'text' })
  outcome: AuditOutcome = 'SUCCESS';

  @Property({ type: 'text', nullable: true })
  ip: string | null = null;

  @Property({ type: 'text', fieldName: 'user_agent', nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' })
  createdAt: Date = new Date();
}
