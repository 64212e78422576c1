/**
 * Export helpers for tests: create an export through GraphQL and follow it to the end over
 * graphql-ws, as the builder does; create a report; download a link and check its headers.
 */
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';
import { collect, wsClient } from './ws-client.js';

export const EXPORT_FIELDS = `id revision status format triggeredBy initiatedBy reportId reportName rowCount truncated fileName fileSize
  checksum contentType storageKey downloadUrl expiresAt attempts executionTimeMs retryOf asOf timeZone createdAt startedAt completedAt
  error { code message } progress { rowsWritten rowsTotal bytesWritten percent etaSeconds }`;

export const CREATE_EXPORT = `mutation($input: CreateExportInput!) { createExport(input: $input) { ${EXPORT_FIELDS} } }`;
export const EXPORT_UPDATED = `subscription($id: ID!) { exportUpdated(id: $id) { ${EXPORT_FIELDS} } }`;
export const GET_EXPORT = `query($id: ID!) { export(id: $id) { ${EXPORT_FIELDS} } }`;

export async function reportIdByName(app: TestApp, token: string, name: string): Promise<string> {
  const res = await app.gql('{ reports(first: 100) { edges { node { id name } } } }', {}, token);
  const edge = res.data!.reports.edges.find((e: any) => e.node.name === name);
  if (!edge) throw new Error(`no report named ${name}`);
  return edge.node.id;
}

export const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** Creates an export and returns every state the subscription delivered, up to a terminal one. */
export async function exportAndFollow(app: TestApp, token: string, input: Record<string, unknown>, timeoutMs = 60_000) {
  const created = await app.gql(CREATE_EXPORT, { input }, token);
  expect(created.errors).toBeUndefined();
  const id = created.data!.createExport.id as string;
  const client = wsClient(app.url, token);
  try {
    const updates = collect(client, EXPORT_UPDATED, { id }, (d) => d.exportUpdated);
    const states = await updates.until((e: any) => TERMINAL.has(e.status), timeoutMs);
    updates.stop();
    return { id, created: created.data!.createExport, states, final: states.at(-1) };
  } finally {
    await client.dispose();
  }
}

/**
 * Every column of every event (one row each, `raw`) in the 40 days of elapsed time before now (the
 * demo data's whole 30 days, today's events too): a large, slow export to interrupt or watch.
 */
export const RAW_EVENTS_DEFINITION = {
  source: 'usage_events',
  dimensions: ['timestamp', 'event_id', 'user_id', 'device_id', 'session_id', 'event_type', 'feature', 'platform', 'country', 'duration_ms', 'value'].map((field) => ({ field })),
  raw: true,
  timeRange: { rolling: { n: 40, unit: 'DAY' } },
  rowLimit: 1_000_000,
};

/** Creates a report through the API and returns its id; any GraphQL error fails the test. */
export async function createReport(app: TestApp, token: string, name: string, definition: unknown): Promise<string> {
  const res = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name, definition } }, token);
  if (res.errors || !res.data) throw new Error(`createReport ${JSON.stringify(name)}: ${JSON.stringify(res.errors)}`);
  return res.data.createReport.id as string;
}

/** GETs a download link (following redirects) and expects 200; the headers and the bytes. */
export async function downloadOk(url: string): Promise<{ headers: Headers; body: Buffer }> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return { headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** A Content-Disposition that names the file safely: ASCII fallback and RFC 5987 form, no path, no header injection. */
export function expectSafeDisposition(header: string | null): void {
  expect(header).toBeTruthy();
  // The ASCII fallback is readable (spaces, apostrophes, parentheses) but holds nothing a parser
  // could take for syntax: no quote, backslash, `;`, `=`, `%` or `*`.
  expect(header!).toMatch(/^attachment; filename="[A-Za-z0-9 ._'()+,&!-]+"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
  expect(header!).not.toMatch(/\.\.|[/\\\r\n]/);
}
