/**
 * Runs a callback once at an instant, however far away: setTimeout fires at once for delays
 * beyond 2^31-1 ms (~24.8 days), and tokens may live up to a year, so long waits are chained.
 */
const MAX_DELAY_MS = 2_147_483_647;

/** Returns a function that cancels the callback. */
export function onceAt(at: Date, callback: () => void, now: () => number = Date.now): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const wait = at.getTime() - now();
    if (wait <= 0) {
      timer = undefined;
      callback();
      return;
    }
    timer = setTimeout(arm, Math.min(wait, MAX_DELAY_MS));
    timer.unref();
  };
  arm();
  return () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
}

/**
 * Runs a callback once the process has been able to wait `ms`: time the event loop spent stalled
 * (a busy CPU, a long synchronous step) does not count. A client's deadline, such as a WebSocket's
 * connection_init, must measure the client's lateness, not ours: after a 3 s stall the timers run
 * before the poll reads the message that arrived meanwhile, so a plain setTimeout closes a socket
 * whose client was on time. The wait advances in steps of a tenth of it; a step counts at most
 * twice its length, however late it fires. Returns a function that cancels the callback.
 */
export function afterResponsiveWait(ms: number, callback: () => void, now: () => number = Date.now): () => void {
  const step = Math.min(250, Math.max(10, Math.floor(ms / 10)));
  let waited = 0;
  let last = now();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const at = now();
    waited += Math.min(at - last, 2 * step);
    last = at;
    if (waited >= ms) {
      timer = undefined;
      callback();
      return;
    }
    timer = setTimeout(tick, Math.min(step, ms - waited));
    timer.unref();
  };
  timer = setTimeout(tick, Math.min(step, ms));
  timer.unref();
  return () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
}
