/**
 * A small hash router: the app's pages are `#/reports`, `#/reports/<id>`, `#/exports`,
 * `#/schedules`, `#/schedules/<id>`. Hash routes need no server configuration.
 */
import { useEffect, useState } from 'react';

export interface Route {
  /** Path segments after `#/`, e.g. ['reports', '123']. */
  segments: string[];
}

function current(): Route {
  const path = location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const onChange = () => setRoute(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(path: string): void {
  location.hash = path.startsWith('#') ? path : `#${path}`;
}

export function href(path: string): string {
  return `#${path}`;
}
