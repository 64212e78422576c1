/**
 * Who is asking. The tenant comes from the verified token only; nothing a client sends in a query
 * can change it.
 */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  userId: string;
  tenantId: string;
  role: Role;
  /**
   * Where the person can be emailed: the token's `email` claim (OpenID Connect's), else the
   * subject when it is itself an address; absent: none known (notifyWhenReady is refused).
   */
  email?: string;
}

const EMAIL_ADDRESS = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/** The viewer's address from a token's claims, lower-cased; undefined: none usable. */
export function emailOfClaims(emailClaim: unknown, sub: string): string | undefined {
  for (const candidate of [emailClaim, sub]) {
    if (typeof candidate === 'string' && candidate.length <= 254 && EMAIL_ADDRESS.test(candidate.trim())) return candidate.trim().toLowerCase();
  }
  return undefined;
}

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

/** viewer reads and exports; editor also writes reports and schedules; admin everything. */
export function hasRole(viewer: Viewer, required: Role): boolean {
  return RANK[viewer.role] >= RANK[required];
}

/** The lower of two roles: what someone acting for both may see. */
export function stricterRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
