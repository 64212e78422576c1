/**
 * Reportcast as real child processes (`node --import tsx src/main.ts <command>`, one process, so a
 * signal reaches the server itself and not a tsx wrapper), logging JSON lines we can read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../server/src/config.js';

export const MAIN = join(REPO_ROOT, 'server', 'src', 'main.ts');
export const SERVER_DIR = join(REPO_ROOT, 'server');

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** The port it listens on (API, or the worker's ops server). */
  port: number;
  url: string;
  /** Parsed JSON log lines so far. */
  lines: Record<string, any>[];
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export function spawnServer(command: 'api' | 'worker' | 'start', env: NodeJS.ProcessEnv, name: string = command): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, command], {
    cwd: SERVER_DIR,
    env: { ...process.env, NODE_ENV: 'test', LOG_FORMAT: 'json', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, any>[] = [];
  let text = '';
  let partial = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${text}`)), 90_000);
    const onData = (chunk: Buffer) => {
      const s = chunk.toString();
      text += s;
      if (process.env.DEBUG_PROCESSES) process.stderr.write(`[${name}] ${s}`);
      partial += s;
      const parts = partial.split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        if (!line.startsWith('{')) continue;
        try {
          const entry = JSON.parse(line) as Record<string, any>;
          lines.push(entry);
          if (typeof entry.port === 'number' && /is up/.test(String(entry.msg))) {
            clearTimeout(timer);
            resolve({
              child, pid: child.pid!, port: entry.port, url: `http://127.0.0.1:${entry.port}`, lines, exited,
              output: () => text,
            });
          }
        } catch {
          // not a log line
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was up:\n${text}`));
    });
  });
}

/** Sends a signal and waits for the exit code. */
export async function stopServer(p: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.child.exitCode;
  p.child.kill(signal);
  return p.exited;
}

/** Runs a one-shot CLI command (`seed`, `migrate`, …) to completion; rejects with its output unless it exits 0. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: SERVER_DIR, env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => { out += c; });
    child.stderr!.on('data', (c: Buffer) => { out += c; });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cli ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}
