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
