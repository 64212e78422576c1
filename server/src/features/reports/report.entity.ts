import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Visualization } from '@reportcast/charts';
import type { ReportDefinition } from './definition.js';

@Entity({ tableName: 'reports' })
export class ReportEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'json' })
  definition!: ReportDefinition;

  @Property({ type: 'json', nullable: true })
  /** Typed since migration 0013; read through storedVisualization(). */
  visualization: Visualization | null = null;

  @Property({ type: 'integer', fieldName: 'row_limit' })
  rowLimit!: number;

  @Property({ type: 'boolean', fieldName: 'is_public' })
  isPublic: boolean = false;

  @Property({ type: 'string[]', columnType: 'text[]' })
  tags: string[] = [];

  @Property({ type: 'text', fieldName: 'created_by' })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'updated_at', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
