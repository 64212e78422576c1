/**
 * createReportcastClient: the SDK's entry point. One client per server and identity; its
 * resources (`reports`, `exports`, `schedules`) share one HTTP client and one lazily opened
 * subscription socket.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { AuditLogDocument, MeDocument, TablesDocument } from './generated/graphql.js';
import { DEFAULT_PAGE_SIZE, paginate, type PageIterator } from './paginate.js';
import type { PageOptions } from './reports.js';
import { ExportsApi } from './exports.js';
import { ReportsApi } from './reports.js';
import { SchedulesApi } from './schedules.js';
import { TemplatesApi } from './templates.js';
import { Transport, type AnyVariables, type OperationOptions, type ReportcastClientOptions } from './transport.js';
import type { AuditLogEntry, Role, RoleName, Table } from './types.js';

export interface Viewer {
  userId: string;
  tenantId: string;
  /** @deprecated Use `roleName` (the same role, upper case, as the API's `Me.roleName`). */
  role: Role;
  roleName: RoleName;
}

export interface ReportcastClient {
  readonly reports: ReportsApi;
  readonly exports: ExportsApi;
  readonly schedules: SchedulesApi;
  /** Report templates: the gallery, saving a report as one, and reports made from them. */
  readonly templates: TemplatesApi;
  /** The caller as the token says (null when the server accepts no identity from it). */
  me(): Promise<Viewer | null>;
  /** The tables reports can be built on, with what each column may do. */
  tables(): Promise<Table[]>;
  /** Any typed query (retried when transient failures allow). */
  query<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V): Promise<D>;
  /** Any typed mutation (retried only when marked idempotent). */
  mutate<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V, options?: OperationOptions): Promise<D>;
  /**
   * Any typed subscription, over the shared graphql-ws socket: each result until the server ends
   * it or the loop stops (`break` unsubscribes). A dropped socket is reopened and the subscription
   * sent again; an error result ends the loop with a ReportcastError.
   */
  subscribe<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V): AsyncIterableIterator<D>;
  /** The tenant's audit log, newest first (admins; FORBIDDEN otherwise), page by page; resumable like every list. */
  auditLog(options?: PageOptions): PageIterator<AuditLogEntry>;
  /** The GraphQL endpoint in use. */
  readonly endpoint: string;
  /** Closes the subscription socket; pending HTTP requests finish on their own. */
  close(): Promise<void>;
}

export function createReportcastClient(options: ReportcastClientOptions): ReportcastClient {
  const transport = new Transport(options);
  return {
    reports: new ReportsApi(transport),
    exports: new ExportsApi(transport),
    schedules: new SchedulesApi(transport),
    templates: new TemplatesApi(transport),
    me: async () => (await transport.query(MeDocument, {})).me,
    tables: async () => (await transport.query(TablesDocument, {})).tables,
    query: (document, variables) => transport.query(document, variables),
    mutate: (document, variables, operationOptions) => transport.mutate(document, variables, operationOptions),
    subscribe: (document, variables) => transport.subscribe(document, variables),
    auditLog: (pageOptions = {}) => {
      const first = pageOptions.pageSize ?? DEFAULT_PAGE_SIZE;
      return paginate(async (after) => (await transport.query(AuditLogDocument, { first, after })).auditLog, pageOptions.after ?? null);
    },
    endpoint: transport.endpoint,
    close: () => transport.close(),
  };
}
