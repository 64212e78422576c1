/**
 * A small hash router: the app's pages are `#/reports`, `#/reports/<id>`, `#/exports`,
 * `#/schedules`, `#/schedules/<id>`. Hash routes need no server configuration.
 *
 * Pages with unsaved edits register a leave guard (useLeaveGuard): moving to another route — a
 * link, the back button, navigate() — asks first, and a refusal puts the address back without
 * the page noticing; closing or reloading the tab gets the browser's own `beforeunload` question.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';

export interface Route {
  /** Path segments after `#/`, e.g. ['reports', '123']. */
  segments: string[];
}

function parse(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent) };
}

/** The hash the pages show: it only moves when no guard objects. */
let committed = location.hash;
let route = parse(committed);
const listeners = new Set<() => void>();
/** Each mounted guard's current question (null: nothing would be lost). */
const guards = new Set<{ current: string | null }>();
let unguardedOnce = false;

/** The question to ask before leaving, if any page has something to lose. */
export function pendingLeaveQuestion(): string | null {
  for (const g of guards) if (g.current) return g.current;
  return null;
}

/** Brings the page to the address, unless a guard's question is refused (then the address goes back). */
function sync(): void {
  if (location.hash === committed) return;
  const question = unguardedOnce ? null : pendingLeaveQuestion();
  unguardedOnce = false;
  if (question && !window.confirm(question)) {
    // Back where we were (the back button, an edited address), without re-rendering the page.
    history.pushState(history.state, '', committed || `${location.pathname}${location.search}`);
    return;
  }
  committed = location.hash;
  route = parse(committed);
  for (const l of listeners) l();
}

window.addEventListener('hashchange', sync);
window.addEventListener('popstate', sync);
// In-app links ask before the address changes, so a refusal leaves history untouched. Chromium
// does not always fire hashchange for a fragment it was at before a pushState, hence the sync
// after every followed link too.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const link = (e.target as Element | null)?.closest?.('a[href^="#/"]');
  if (!link || link.hasAttribute('download') || link.getAttribute('target') === '_blank') return;
  if (link.getAttribute('href') === location.hash) return;
  const question = pendingLeaveQuestion();
  if (question) {
    if (!window.confirm(question)) { e.preventDefault(); return; }
    unguardedOnce = true;
  }
  setTimeout(sync, 0);
}, true);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => route);
}

/** Goes to a route; `force` skips the leave guards (after a save or a delete, nothing is lost). */
export function navigate(path: string, options: { force?: boolean } = {}): void {
  const hash = path.startsWith('#') ? path : `#${path}`;
  if (hash === location.hash) return;
  if (!options.force) {
    const question = pendingLeaveQuestion();
    if (question && !window.confirm(question)) return;
  }
  unguardedOnce = true;
  location.hash = hash;
  sync();
}

export function href(path: string): string {
  return `#${path}`;
}

/**
 * While `question` is set, leaving the page asks it (in-app) or the browser's generic question
 * (closing, reloading, typing another address).
 */
export function useLeaveGuard(question: string | null): void {
  const ref = useRef<string | null>(question);
  ref.current = question;
  useEffect(() => {
    const guard = ref;
    guards.add(guard);
    return () => { guards.delete(guard); };
  }, []);
  useEffect(() => {
    if (!question) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Chromium still wants returnValue set to show its dialog.
      e.returnValue = question;
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [question]);
}
