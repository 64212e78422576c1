/**
 * Security headers on every response (helmet, configured rather than its defaults). The web app
 * keeps its bearer token in sessionStorage, so the Content-Security-Policy is the fence around it:
 * only our own scripts run (the built SPA has no inline script; Vite emits one module and one
 * stylesheet), no inline event handlers, no plugins, and the page may talk only to its own origin
 * (HTTP and the graphql-ws socket). Nobody may frame it (frame-ancestors 'none' and X-Frame-Options
 * DENY for older browsers), and no Referer leaves it (download links carry tokens in their query).
 *
 * Vite's dev server (`pnpm --filter @reportcast/web dev`) serves the page itself, with its inline
 * React-refresh preamble: these headers reach it only on proxied API answers, where a policy does
 * not apply to the page, so dev keeps working untouched.
 *
 * HSTS only when configured (HSTS_MAX_AGE_SECONDS, on by default in production at an https
 * PUBLIC_URL): sent over plain HTTP it is ignored, and on a development machine it would pin
 * localhost to HTTPS for every other project.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export interface SecurityHeaderOptions {
  /** The origin links are built from (proxy-trust.ts linkOrigin); its ws(s) form may be connected to. */
  linkOrigin: (req: IncomingMessage) => string;
  hstsMaxAgeSeconds: number;
  /** An https PUBLIC_URL: ask browsers to upgrade any stray http subresource. */
  https: boolean;
}

/** `https://h:1` → `wss://h:1`: the WebSocket origin of the same server. */
export function socketOrigin(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
}

/** The page's WebSocket origin (socketOrigin): fixed, or worked out per request. */
type ConnectTo = string | ((req: IncomingMessage) => string);

/** The policy's directives. */
export function contentSecurityDirectives(options: SecurityHeaderOptions, connectTo: ConnectTo) {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'"],
    'font-src': ["'self'"],
    // 'self' covers same-origin ws(s) in CSP 3 browsers; the explicit origin covers the rest.
    'connect-src': ["'self'", connectTo],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(options.https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * Link origins a process keeps a ready handler for. With PUBLIC_URL there is one; without it, one
 * per address the server is reached at (or per host a trusted proxy forwards): a few.
 */
const MAX_ORIGINS = 16;

function helmetFor(options: SecurityHeaderOptions, connectTo: ConnectTo): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityDirectives(options, connectTo) },
    // Cross-origin isolation buys nothing here (no SharedArrayBuffer); COEP would only add a way to
    // break the page.
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.hstsMaxAgeSeconds > 0 ? { maxAge: options.hstsMaxAgeSeconds, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    xContentTypeOptions: true,
  }) as RequestHandler;
}

/**
 * The policy names the request's own WebSocket origin, so it depends on the link origin. Helmet
 * validates and joins a directive given as a function on every request (a burst of previews'
 * profile showed it), so each link origin gets its own handler, built once with that origin as a
 * plain value; should more than MAX_ORIGINS turn up, the rest share one that computes it per request.
 */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  const byOrigin = new Map<string, RequestHandler>();
  let perRequest: RequestHandler | undefined;
  return (req, res, next) => {
    const origin = options.linkOrigin(req);
    let handler = byOrigin.get(origin);
    if (!handler) {
      if (byOrigin.size >= MAX_ORIGINS) {
        perRequest ??= helmetFor(options, (r) => socketOrigin(options.linkOrigin(r)));
        return perRequest(req, res, next);
      }
      handler = helmetFor(options, socketOrigin(origin));
      byOrigin.set(origin, handler);
    }
    handler(req, res, next);
  };
}
