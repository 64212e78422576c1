/**
 * A graphql-ws socket at the frame level, for tests that send what no client library would:
 * oversized or fragmented frames, garbage, no connection_init at all.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import WebSocket from 'ws';

export interface RawSocket {
  ws: WebSocket;
  messages: any[];
  /** How the socket ended: its close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  next(type: string, timeoutMs?: number): Promise<any>;
}

/** Opens a socket with subprotocol graphql-transport-ws; rejects with the HTTP status if the upgrade is refused. */
export async function rawSocket(httpUrl: string, headers: Record<string, string> = {}, localAddress?: string): Promise<RawSocket> {
  const ws = new WebSocket(httpUrl.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws', { headers, localAddress });
  const messages: any[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    messages.push(JSON.parse(data.toString()));
    for (const w of waiters.splice(0)) w();
  });
  // Sending into a socket the server closed may fail: the close code is what the tests read.
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode, headers: res.headers })));
    ws.once('error', reject);
  });
  return {
    ws, messages, closed,
    send: (m) => ws.send(typeof m === 'string' || Buffer.isBuffer(m) ? m : JSON.stringify(m)),
    async next(type, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = messages.find((m) => m.type === type);
        if (hit) {
          messages.splice(messages.indexOf(hit), 1);
          return hit;
        }
        if (Date.now() > deadline) throw new Error(`no ${type} message; got ${JSON.stringify(messages)}`);
        await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 200); });
      }
    },
  };
}

/** The HTTP status (and headers) of a refused upgrade, or null when the socket opened. */
export async function upgradeRefusal(httpUrl: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown> } | null> {
  try {
    const s = await rawSocket(httpUrl, headers);
    s.ws.close();
    return null;
  } catch (error) {
    const e = error as { status?: number; headers?: Record<string, unknown> };
    if (typeof e.status !== 'number') throw error;
    return { status: e.status, headers: e.headers ?? {} };
  }
}

/**
 * Sends one WebSocket frame of `payload` over a hand-made connection and resolves with the close
 * code the server answers. The frame is masked with a zero key (the payload goes out as it is), so
 * a test can send many large frames at once without spending its own CPU masking each: the
 * attacker's side costs nothing, as a real attacker's would.
 */
export function sendFrame(httpUrl: string, payload: Buffer, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(httpUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.write(`GET /graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`
      + `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n${extra}\r\n`);
    let received = Buffer.alloc(0);
    let upgraded = false;
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!upgraded) {
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        const status = received.subarray(0, end).toString().split(' ')[1];
        if (status !== '101') {
          socket.destroy();
          return reject(new Error(`upgrade refused: ${status}`));
        }
        upgraded = true;
        received = received.subarray(end + 4);
        const header = Buffer.alloc(14);
        header[0] = 0x81; // FIN, text
        header[1] = 0x80 | 127; // masked, 64-bit length
        header.writeBigUInt64BE(BigInt(payload.length), 2);
        // header[10..13]: a zero mask key
        socket.write(header);
        socket.write(payload);
      }
      // The server's close frame: 0x88, a 7-bit length, then the code.
      if (received.length >= 4 && received[0] === 0x88) {
        socket.destroy();
        resolve(received.readUInt16BE(2));
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => reject(new Error('closed without a close frame')));
  });
}
