/**
 * A real SFTP server on 127.0.0.1 built with the `ssh2` package, serving a directory on disk: public
 * key authentication for one user, the SFTP v3 requests an upload needs (OPEN, WRITE, CLOSE, STAT,
 * LSTAT, FSTAT, SETSTAT, FSETSTAT, REALPATH, MKDIR, RENAME, REMOVE), and RENAME with v3 semantics
 * (OpenSSH's: it refuses to replace an existing file). Every request is recorded with what the
 * final paths looked like at that moment, so a test can show a temporary name was written and
 * never the final one. `stop()` closes the listener (clients get ECONNREFUSED), `start()` listens
 * again on the same port.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, lstatSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { posix, join } from 'node:path';
import { createRequire } from 'node:module';
// `ssh2` is a devDependency of the server package, which the root test folder does not resolve from.
import type * as Ssh2 from '../../server/node_modules/@types/ssh2/index.js';

type Connection = Ssh2.Connection;
type ParsedKey = Ssh2.ParsedKey;
const { Server, utils } = createRequire(new URL('../../server/package.json', import.meta.url))('ssh2') as typeof Ssh2;
const { STATUS_CODE, flagsToString } = utils.sftp;

export interface SftpOp {
  op: string;
  path: string;
  to?: string;
  /** For WRITE: bytes in this request. */
  bytes?: number;
}

export interface SftpTestServer {
  port: number;
  /** The host key's SHA256 fingerprint as OpenSSH prints it. */
  hostKeyFingerprint: string;
  /** A private key (OpenSSH format) the server accepts for `username`. */
  clientPrivateKey: string;
  username: string;
  /** The directory served as the login directory. */
  root: string;
  ops: SftpOp[];
  /** Logins refused (wrong key or user). */
  refusedLogins: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

function fingerprintOf(publicSsh: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicSsh).digest('base64').replace(/=+$/, '')}`;
}

/**
 * An ed25519 key pair in OpenSSH format that ssh2 reads back: ssh2's generator writes about one key
 * in 250 (those whose public key starts with a zero byte) with a 31-byte length it then refuses
 * as malformed, so such a pair is drawn again.
 */
export function sshKeyPair(encrypted?: { passphrase: string; cipher: string; rounds: number }): { private: string; public: string } {
  for (;;) {
    const pair = encrypted ? utils.generateKeyPairSync('ed25519', encrypted) : utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private, encrypted?.passphrase) instanceof Error)) return pair;
  }
}

export async function startSftpServer(root: string, username = 'reports'): Promise<SftpTestServer> {
  const host = sshKeyPair();
  const client = sshKeyPair();
  const allowed = utils.parseKey(client.public) as ParsedKey;
  const hostKey = utils.parseKey(host.public) as ParsedKey;
  const ops: SftpOp[] = [];
  const connections = new Set<Connection>();
  const state = { refusedLogins: 0 };
  /** Virtual absolute path → real path under root (never outside it). */
  const real = (p: string) => join(root, posix.normalize(posix.join('/', p)));
  const virtual = (p: string) => posix.normalize(posix.join('/', p));

  const server = new Server({ hostKeys: [host.private] }, (conn) => {
    connections.add(conn);
    // One SFTP WRITE is in flight at a time: without this, Nagle's algorithm delays each answer.
    (conn as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true);
    conn.on('close', () => connections.delete(conn));
    conn.on('error', () => undefined);
    conn.on('authentication', (ctx) => {
      if (ctx.method === 'publickey' && ctx.username === username && ctx.key.algo === allowed.type && ctx.key.data.equals(allowed.getPublicSSH())) {
        if (ctx.signature && ctx.blob && allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) { state.refusedLogins++; return ctx.reject(); }
        return ctx.accept();
      }
      if (ctx.method === 'publickey') state.refusedLogins++;
      ctx.reject(['publickey']);
    });
    conn.on('ready', () => {
      conn.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => {
          const sftp = acceptSftp();
          const handles = new Map<number, { fd: number; path: string }>();
          let nextHandle = 1;
          const handleOf = (buf: Buffer) => handles.get(buf.readUInt32BE(0));
          const attrsOf = (st: Stats) => ({ mode: st.mode, uid: st.uid, gid: st.gid, size: st.size, atime: Math.floor(st.atimeMs / 1000), mtime: Math.floor(st.mtimeMs / 1000) });
          const statusOfError = (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? STATUS_CODE.NO_SUCH_FILE : error.code === 'EACCES' ? STATUS_CODE.PERMISSION_DENIED : STATUS_CODE.FAILURE);
          const attempt = (reqid: number, fn: () => void) => {
            try { fn(); } catch (error) { sftp.status(reqid, statusOfError(error as NodeJS.ErrnoException)); }
          };
          sftp.on('OPEN', (reqid, filename, flags) => attempt(reqid, () => {
            ops.push({ op: 'OPEN', path: virtual(filename) });
            const fd = openSync(real(filename), flagsToString(flags) ?? 'r');
            const id = nextHandle++;
            handles.set(id, { fd, path: virtual(filename) });
            const buf = Buffer.alloc(4);
            buf.writeUInt32BE(id, 0);
            sftp.handle(reqid, buf);
          }));
          sftp.on('WRITE', (reqid, handle, offset, data) => attempt(reqid, () => {
            const h = handleOf(handle);
            if (!h) return sftp.status(reqid, STATUS_CODE.FAILURE);
            ops.push({ op: 'WRITE', path: h.path, bytes: data.length });
            writeSync(h.fd, data, 0, data.length, offset);
            sftp.status(reqid, STATUS_CODE.OK);
          }));
          sftp.on('CLOSE', (reqid, handle) => attempt(reqid, () => {
            const h = handleOf(handle);
            if (!h) return sftp.status(reqid, STATUS_CODE.FAILURE);
            ops.push({ op: 'CLOSE', path: h.path });
            closeSync(h.fd);
            handles.delete(handle.readUInt32BE(0));
            sftp.status(reqid, STATUS_CODE.OK);
          }));
          sftp.on('FSTAT', (reqid, handle) => attempt(reqid, () => {
            const h = handleOf(handle);
            if (!h) return sftp.status(reqid, STATUS_CODE.FAILURE);
            sftp.attrs(reqid, attrsOf(fstatSync(h.fd)));
          }));
          const stat = (op: string, follow: boolean) => (reqid: number, path: string) => attempt(reqid, () => {
            ops.push({ op, path: virtual(path) });
            sftp.attrs(reqid, attrsOf(follow ? statSync(real(path)) : lstatSync(real(path))));
          });
          sftp.on('STAT', stat('STAT', true));
          sftp.on('LSTAT', stat('LSTAT', false));
          sftp.on('SETSTAT', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
          sftp.on('FSETSTAT', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
          sftp.on('REALPATH', (reqid, path) => {
            const p = virtual(path);
            sftp.name(reqid, [{ filename: p, longname: p, attrs: {} as never }]);
          });
          sftp.on('MKDIR', (reqid, path) => attempt(reqid, () => {
            ops.push({ op: 'MKDIR', path: virtual(path) });
            mkdirSync(real(path));
            sftp.status(reqid, STATUS_CODE.OK);
          }));
          sftp.on('RENAME', (reqid, from, to) => attempt(reqid, () => {
            ops.push({ op: 'RENAME', path: virtual(from), to: virtual(to) });
            if (existsSync(real(to))) return sftp.status(reqid, STATUS_CODE.FAILURE);
            renameSync(real(from), real(to));
            sftp.status(reqid, STATUS_CODE.OK);
          }));
          sftp.on('REMOVE', (reqid, path) => attempt(reqid, () => {
            ops.push({ op: 'REMOVE', path: virtual(path) });
            unlinkSync(real(path));
            sftp.status(reqid, STATUS_CODE.OK);
          }));
        });
      });
    });
  });
  let port = 0;
  const start = () => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      resolve();
    });
  });
  const stop = () => new Promise<void>((resolve) => {
    for (const c of connections) c.end();
    server.close(() => resolve());
  });
  await start();
  return {
    get port() { return port; },
    hostKeyFingerprint: fingerprintOf(hostKey.getPublicSSH()),
    clientPrivateKey: client.private,
    username,
    root,
    ops,
    get refusedLogins() { return state.refusedLogins; },
    stop,
    start,
    close: stop,
  };
}
