import { describe, expect, it } from 'vitest';
import { FairGate, FairQueue, LIGHTEST_FIRST_MAX_PASSES } from './fair-queue.js';

const drain = <T>(q: FairQueue<T>): T[] => {
  const out: T[] = [];
  for (let x = q.shift(); x !== undefined; x = q.shift()) out.push(x);
  return out;
};

describe('FairQueue', () => {
  it('is empty at first', () => {
    const q = new FairQueue<string>();
    expect(q.size).toBe(0);
    expect(q.shift()).toBeUndefined();
  });

  it('serves one key in arrival order', () => {
    const q = new FairQueue<string>();
    for (const x of ['a1', 'a2', 'a3']) q.push('a', x);
    expect(drain(q)).toEqual(['a1', 'a2', 'a3']);
  });

  it('takes turns between keys instead of serving a flood first', () => {
    const q = new FairQueue<string>();
    for (let i = 1; i <= 5; i++) q.push('acme', `a${i}`);
    q.push('globex', 'g1');
    q.push('globex', 'g2');
    expect(q.size).toBe(7);
    expect(q.sizeOf('acme')).toBe(5);
    expect(drain(q)).toEqual(['a1', 'g1', 'a2', 'g2', 'a3', 'a4', 'a5']);
  });

  it('puts a key that arrives at the end of the current cycle', () => {
    const q = new FairQueue<string>();
    q.push('a', 'a1'); q.push('a', 'a2'); q.push('b', 'b1'); q.push('b', 'b2');
    expect(q.shift()).toBe('a1');
    q.push('c', 'c1'); // behind b (whose turn is next) and a (served, back at the end)
    expect(drain(q)).toEqual(['b1', 'a2', 'c1', 'b2']);
  });

  it('puts a key that emptied and comes back at the end', () => {
    const q = new FairQueue<string>();
    q.push('a', 'a1'); q.push('b', 'b1'); q.push('b', 'b2');
    expect(q.shift()).toBe('a1');
    q.push('a', 'a2');
    expect(drain(q)).toEqual(['b1', 'a2', 'b2']);
  });

  it('removes a waiting item and forgets an emptied key', () => {
    const q = new FairQueue<string>();
    q.push('a', 'a1'); q.push('b', 'b1'); q.push('a', 'a2');
    expect(q.remove('b', 'b1')).toBe(true);
    expect(q.remove('b', 'b1')).toBe(false);
    expect(q.remove('c', 'x')).toBe(false);
    expect(q.size).toBe(2);
    expect(drain(q)).toEqual(['a1', 'a2']);
  });

  it('every sequence of arrivals and services over 3 keys (length 8): per-key FIFO, nothing lost, and round-robin', () => {
    const keys = ['a', 'b', 'c'];
    const ops = [...keys, 'shift'];
    let cases = 0;
    const walk = (seq: string[]) => {
      if (seq.length === 8) {
        check(seq);
        cases++;
        return;
      }
      for (const op of ops) walk([...seq, op]);
    };
    const check = (seq: string[]) => {
      const q = new FairQueue<string>();
      const pushed: Record<string, number> = { a: 0, b: 0, c: 0 };
      const served: string[] = [];
      // For each key, while it has been waiting: how many turns each other key has had.
      const turnsSince = new Map<string, Map<string, number>>();
      const serve = () => {
        const x = q.shift();
        if (x === undefined) return;
        const key = x[0]!;
        served.push(x);
        for (const [waiting, turns] of turnsSince) {
          if (waiting === key) continue;
          const n = (turns.get(key) ?? 0) + 1;
          // Round-robin: no key is served twice while another key waits for its turn.
          if (n > 1) throw new Error(`${seq.join(' ')}: ${key} served twice while ${waiting} waited`);
          turns.set(key, n);
        }
        turnsSince.delete(key);
        if (q.sizeOf(key) > 0) turnsSince.set(key, new Map());
      };
      for (const op of seq) {
        if (op === 'shift') serve();
        else {
          if (q.sizeOf(op) === 0) turnsSince.set(op, new Map());
          q.push(op, `${op}${++pushed[op]!}`);
        }
      }
      while (q.size > 0) serve();
      if (q.shift() !== undefined) throw new Error(`${seq.join(' ')}: size 0 but an item left`);
      for (const key of keys) {
        const mine = served.filter((x) => x[0] === key).join(',');
        const expected = Array.from({ length: pushed[key]! }, (_, i) => `${key}${i + 1}`).join(',');
        if (mine !== expected) throw new Error(`${seq.join(' ')}: ${key} served ${mine}, expected ${expected}`);
      }
      if (served.length !== pushed.a! + pushed.b! + pushed.c!) throw new Error(`${seq.join(' ')}: lost an item`);
    };
    walk([]);
    expect(cases).toBe(4 ** 8);
  });
});

describe('FairQueue, lightest-first', () => {
  it('serves the key with the fewest waiting first, so a flood waits for the light tenant', () => {
    const q = new FairQueue<string>('lightest-first');
    for (let i = 1; i <= 5; i++) q.push('acme', `a${i}`);
    q.push('globex', 'g1');
    q.push('globex', 'g2');
    expect(drain(q)).toEqual(['g1', 'g2', 'a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it("counts a key's backlog (items waiting before this queue) with what it has waiting here", () => {
    const q = new FairQueue<string>('lightest-first');
    // acme: 2 here (its slots are full) and 40 waiting for a slot; globex: 3 here, nothing behind.
    const behind: Record<string, number> = { acme: 40 };
    q.backlog = (key) => behind[key] ?? 0;
    q.push('acme', 'a1'); q.push('acme', 'a2');
    q.push('globex', 'g1'); q.push('globex', 'g2'); q.push('globex', 'g3');
    expect(q.shift()).toBe('g1');
    // Without the backlog, acme (2 here) would be the lighter one now.
    q.backlog = null;
    expect(q.shift()).toBe('a1');
    q.backlog = (key) => behind[key] ?? 0;
    expect(drain(q)).toEqual(['g2', 'g3', 'a2']);
  });

  it('breaks a tie in cycle order, and switches policy on a live queue', () => {
    const q = new FairQueue<string>('lightest-first');
    q.push('a', 'a1'); q.push('a', 'a2'); q.push('b', 'b1'); q.push('b', 'b2'); q.push('c', 'c1');
    expect(q.shift()).toBe('c1');
    // a and b tie at 2: a first (cycle order); then a has 1 waiting against b's 2.
    expect(q.shift()).toBe('a1');
    expect(q.shift()).toBe('a2');
    q.push('a', 'a3');
    q.push('a', 'a4');
    q.policy = 'round-robin';
    expect(drain(q)).toEqual(['b1', 'a3', 'b2', 'a4']);
  });

  it(`serves a flood passed over ${LIGHTEST_FIRST_MAX_PASSES} turns in a row next: slowed, never starved`, () => {
    const q = new FairQueue<string>('lightest-first');
    for (let i = 1; i <= 100; i++) q.push('flood', `f${i}`);
    const served: string[] = [];
    // Light tenants keep arriving, one query each, always fewer waiting than the flood.
    for (let turn = 0; turn < 100; turn++) {
      q.push(`light${turn}`, `l${turn}`);
      served.push(q.shift()!);
    }
    const floods = served.flatMap((x, i) => (x.startsWith('f') ? [i] : []));
    expect(floods).toEqual([LIGHTEST_FIRST_MAX_PASSES, 2 * LIGHTEST_FIRST_MAX_PASSES + 1, 3 * LIGHTEST_FIRST_MAX_PASSES + 2]);
    expect(served.filter((x) => x.startsWith('f'))).toEqual(['f1', 'f2', 'f3']);
  });

  it('every sequence of arrivals and services over 3 keys (length 8): per-key FIFO, nothing lost, the lightest served', () => {
    const keys = ['a', 'b', 'c'];
    const steps = ['a', 'b', 'c', 'shift'];
    let checked = 0;
    const walk = (seq: string[]) => {
      if (seq.length === 8) {
        const q = new FairQueue<string>('lightest-first');
        const pushed: string[] = [];
        const served: string[] = [];
        let n = 0;
        for (const step of seq) {
          if (step === 'shift') {
            const sizes = keys.map((k) => q.sizeOf(k)).filter((x) => x > 0);
            const item = q.shift();
            if (item !== undefined) {
              // Fewer than 32 turns here: no pass limit applies, so the served key had the fewest.
              expect(q.sizeOf(item[0]!) + 1).toBe(Math.min(...sizes));
              served.push(item);
            } else expect(sizes).toEqual([]);
          } else {
            const item = `${step}${n++}`;
            q.push(step, item);
            pushed.push(item);
          }
        }
        served.push(...drain(q));
        expect([...served].sort()).toEqual([...pushed].sort());
        for (const k of keys) expect(served.filter((x) => x.startsWith(k))).toEqual(pushed.filter((x) => x.startsWith(k)));
        checked++;
        return;
      }
      for (const s of steps) walk([...seq, s]);
    };
    walk([]);
    expect(checked).toBe(4 ** 8);
  });
});

describe('FairGate', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => { resolve = r; });
    return { promise, resolve };
  };

  it('runs at most `limit` tasks at once, then the waiting ones round-robin by key', async () => {
    const gate = new FairGate(1);
    const order: string[] = [];
    const blocker = deferred();
    const first = gate.run('acme', async () => { order.push('a0'); await blocker.promise; });
    const done = [
      ...['a1', 'a2', 'a3'].map((x) => gate.run('acme', async () => { order.push(x); })),
      ...['g1', 'g2'].map((x) => gate.run('globex', async () => { order.push(x); })),
    ];
    await Promise.resolve();
    expect(gate.running).toBe(1);
    expect(gate.waiting).toBe(5);
    blocker.resolve();
    await Promise.all([first, ...done]);
    expect(order).toEqual(['a0', 'a1', 'g1', 'a2', 'g2', 'a3']);
    expect(gate.running).toBe(0);
    expect(gate.waiting).toBe(0);
  });

  it('passes a failed task\'s place on and rethrows its error', async () => {
    const gate = new FairGate(1);
    const failing = gate.run('a', async () => { throw new Error('boom'); });
    const next = gate.run('b', async () => 42);
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
    expect(gate.running).toBe(0);
  });

  it('lets a task aborted while waiting leave the queue with an AbortError', async () => {
    const gate = new FairGate(1);
    const blocker = deferred();
    const first = gate.run('a', () => blocker.promise);
    const controller = new AbortController();
    let ran = false;
    const aborted = gate.run('b', async () => { ran = true; }, controller.signal);
    const after = gate.run('c', async () => 'c');
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(gate.waiting).toBe(1);
    blocker.resolve();
    await first;
    await expect(after).resolves.toBe('c');
    expect(ran).toBe(false);
    await expect(gate.run('d', async () => 1, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('runs up to its limit at once', async () => {
    const gate = new FairGate(2);
    const blockers = [deferred(), deferred()];
    const running = blockers.map((b) => gate.run('a', () => b.promise));
    const third = gate.run('a', async () => 3);
    await Promise.resolve();
    expect(gate.running).toBe(2);
    expect(gate.waiting).toBe(1);
    blockers[0]!.resolve();
    await expect(third).resolves.toBe(3);
    blockers[1]!.resolve();
    await Promise.all(running);
    expect(gate.running).toBe(0);
  });
});
