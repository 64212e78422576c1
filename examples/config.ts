/** What both examples need: the server and a token from the environment, and a report by name or id. */
import { createReportcastClient, type ReportcastClient } from '@reportcast/sdk';

export function clientFromEnv(): ReportcastClient {
  const url = process.env.REPORTCAST_URL ?? 'http://localhost:4000';
  const token = process.env.REPORTCAST_TOKEN;
  if (!token) {
    console.error('Set REPORTCAST_TOKEN (e.g. REPORTCAST_TOKEN=$(pnpm -s cli token --tenant acme --role editor)).');
    process.exit(2);
  }
  return createReportcastClient({ url, token });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A report id as given, or the id of the report with that exact name. */
export async function findReportId(client: ReportcastClient, nameOrId: string): Promise<string> {
  if (UUID.test(nameOrId)) return nameOrId;
  for await (const report of client.reports.list()) if (report.name === nameOrId) return report.id;
  throw new Error(`No report named "${nameOrId}"`);
}
