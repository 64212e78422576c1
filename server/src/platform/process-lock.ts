/**
 * chDB binds its data directory to one process. The process that owns DATA_DIR/clickhouse records
 * itself in DATA_DIR/server.json, so a second `start` or a CLI command that needs ClickHouse can say
 * clearly what is holding it instead of failing inside the engine.
 */
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Another process holds the data directory: a message for the operator, not a crash. */
export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
}

export interface ServerRecord {
  pid: number;
  url: string | null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function runningServer(dataDir: string): ServerRecord | null {
  const file = join(dataDir, 'server.json');
  if (!existsSync(file)) return null;
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as ServerRecord;
    return record.pid !== process.pid && alive(record.pid) ? record : null;
  } catch {
    return null;
  }
}

export function claimDataDir(dataDir: string, url: string | null): () => void {
  const holder = runningServer(dataDir);
  if (holder) {
    throw new DataDirBusyError(`Reportcast (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}) already owns ${dataDir}; stop it first or use another DATA_DIR`);
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'server.json');
  writeFileSync(file, JSON.stringify({ pid: process.pid, url } satisfies ServerRecord));
  return () => rmSync(file, { force: true });
}

export function updateServerUrl(dataDir: string, url: string): void {
  writeFileSync(join(dataDir, 'server.json'), JSON.stringify({ pid: process.pid, url } satisfies ServerRecord));
}
