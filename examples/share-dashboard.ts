/**
 * Makes a dashboard from a template (or takes the one with that name), shares it with users or
 * roles, prints who it is shared with, and saves its PDF: the SDK's typed documents for dashboards
 * and sharing (`documents.*`) through `client.query` / `client.mutate`.
 *
 *   REPORTCAST_URL=http://localhost:4000 REPORTCAST_TOKEN=… \
 *     pnpm --filter @reportcast/examples share-dashboard --name "Monday review" \
 *       --user viewer@acme --role EDITOR --level VIEW --pdf /tmp/monday-review.pdf
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { documents, ReportcastError, type AccessLevel, type RoleName } from '@reportcast/sdk';
import { clientFromEnv } from './config.js';

const { values: args } = parseArgs({
  options: {
    name: { type: 'string', default: 'Monday review' },
    template: { type: 'string', default: 'WEEKLY_PERFORMANCE' },
    user: { type: 'string', multiple: true, default: [] },
    role: { type: 'string', multiple: true, default: [] },
    level: { type: 'string', default: 'VIEW' },
    pdf: { type: 'string' },
  },
});

const client = clientFromEnv();
try {
  const { dashboards } = await client.query(documents.ListDashboardsDocument, {});
  let id = dashboards.find((d) => d.name === args.name)?.id;
  if (!id) {
    const made = await client.mutate(documents.CreateDashboardFromTemplateDocument, { template: args.template!, name: args.name! });
    id = made.createDashboardFromTemplate.id;
    console.log(`Created dashboard ${id}: "${args.name}" with ${made.createDashboardFromTemplate.tiles.length} tiles`);
  }
  const level = args.level!.toUpperCase() as AccessLevel;
  const principals = [...args.user!.map((userId) => ({ userId })), ...args.role!.map((role) => ({ role: role.toUpperCase() as RoleName }))];
  for (const principal of principals) {
    await client.mutate(documents.GrantAccessDocument, { objectType: 'DASHBOARD', objectId: id, principal, level });
  }
  const { dashboard } = await client.query(documents.DashboardGrantsDocument, { id });
  console.log(`"${dashboard.name}" is shared with:`);
  for (const g of dashboard.grants ?? []) console.log(`  ${g.userId ?? `everyone with the ${g.role} role or higher`}: ${g.level}`);
  if (args.pdf) {
    const { dashboardPdf } = await client.query(documents.DashboardPdfDocument, { dashboardId: id });
    writeFileSync(args.pdf, Buffer.from(dashboardPdf.base64, 'base64'));
    console.log(`Saved ${dashboardPdf.fileName} (${dashboardPdf.byteSize} bytes) to ${args.pdf}`);
  }
} catch (error) {
  if (error instanceof ReportcastError) console.error(`Could not share the dashboard: ${error.code}${error.path ? ` at ${error.path}` : ''}: ${error.message}`);
  else console.error(`Could not share the dashboard: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await client.close();
}
