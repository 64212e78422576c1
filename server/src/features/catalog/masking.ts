/**
 * Column sensitivity and the tenant policy that masks it. Pure: no I/O.
 *
 * Every catalog column has a classification (PUBLIC, INTERNAL, PII). A tenant's masking policy
 * says, per role, what each class looks like to that role: CLEAR (the value), HASHED (a keyed
 * HMAC-SHA256 of the value, computed in the query: the same value gives the same hash in every
 * preview, export and scheduled run of the tenant, and another hash in another tenant, so counts,
 * distinct counts and joins by eye still work), or HIDDEN (the column cannot be shown nor compared
 * with a value). The query compiler applies it (reports/compile-query.ts), so every output path
 * sees the same thing.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import type { Role } from '../auth/viewer.js';

export const CLASSIFICATIONS = ['PUBLIC', 'INTERNAL', 'PII'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const MASK_MODES = ['CLEAR', 'HASHED', 'HIDDEN'] as const;
export type MaskMode = (typeof MASK_MODES)[number];

/** A tenant's classification of some columns, by `table.column`: each overrides the catalog's class. */
export type ColumnClasses = Readonly<Record<string, Classification>>;

/** A column's class for a tenant: its own classification if it gave one, else the catalog's. */
export function classOf(table: string, column: { name: string; classification: Classification }, classes: ColumnClasses | undefined): Classification {
  return classes?.[`${table}.${column.name}`] ?? column.classification;
}

/** What each class looks like to one role. */
export type RoleMasking = Record<Classification, MaskMode>;
/** A tenant's policy: for every role, for every class, a mode. */
export type MaskingPolicy = Record<Role, RoleMasking>;

/** The policy of a tenant that has not set one: PII hashed for viewers and editors, clear for admins. */
export const DEFAULT_MASKING_POLICY: MaskingPolicy = Object.freeze({
  viewer: Object.freeze({ PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'HASHED' }),
  editor: Object.freeze({ PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'HASHED' }),
  admin: Object.freeze({ PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'CLEAR' }),
}) as MaskingPolicy;

/**
 * What the compiler needs to mask a query for one role of one tenant: the modes, and the HMAC's
 * inner and outer padded keys (hex) that it binds as parameters (`mask_ikey`, `mask_okey`), never
 * spliced into SQL text.
 */
export interface ColumnMasking {
  /** The role the modes are for (stated in exported files' parameters). */
  role: Role;
  modes: RoleMasking;
  /** The tenant's own classes of some columns, by `table.column`, over the catalog's (classifyColumns); absent: the catalog's. */
  classes?: ColumnClasses;
  innerKeyHex: string;
  outerKeyHex: string;
}

/** A policy read back from storage or sent by an admin, completed with the default for missing entries; null when a value is not a mode. */
export function completePolicy(partial: unknown): MaskingPolicy | null {
  const out = {} as MaskingPolicy;
  const given = (typeof partial === 'object' && partial !== null ? partial : {}) as Record<string, unknown>;
  for (const role of Object.keys(DEFAULT_MASKING_POLICY) as Role[]) {
    const forRole = (typeof given[role] === 'object' && given[role] !== null ? given[role] : {}) as Record<string, unknown>;
    const modes = { ...DEFAULT_MASKING_POLICY[role] };
    for (const c of CLASSIFICATIONS) {
      const v = forRole[c];
      if (v === undefined || v === null) continue;
      if (!(MASK_MODES as readonly unknown[]).includes(v)) return null;
      modes[c] = v as MaskMode;
    }
    out[role] = modes;
  }
  return out;
}

const HMAC_BLOCK = 64;

/**
 * The tenant's masking key: HKDF-SHA256 of the server secret (SECRETS_KEY or its development
 * stand-in) with the tenant as info, so each tenant hashes the same id differently and a tenant's
 * key says nothing about another's.
 */
export function tenantMaskKey(secret: string, tenantId: string): Buffer {
  // Derived once per (secret, tenant) and process: every export, preview and email chart asks,
  // and HKDF was ~1 % of a scheduled run's CPU. Copies out, so no caller can change the kept key.
  const id = `${secret.length}:${secret}\u0000${tenantId}`;
  let key = derivedMaskKeys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'reportcast-masking', `tenant:${tenantId}`, 32));
    if (derivedMaskKeys.size >= MASK_KEYS_KEPT) derivedMaskKeys.delete(derivedMaskKeys.keys().next().value!);
    derivedMaskKeys.set(id, key);
  }
  return Buffer.from(key);
}

/** Tenants whose keys a process keeps (oldest out first): far more than one process serves at once. */
const MASK_KEYS_KEPT = 10_000;
const derivedMaskKeys = new Map<string, Buffer>();

/**
 * The HMAC-SHA256 of RFC 2104 split into its two padded keys, so that ClickHouse, which has
 * SHA256 but no HMAC, computes the real thing: SHA256(okey ‖ SHA256(ikey ‖ value)).
 */
export function hmacPads(key: Buffer): { innerKeyHex: string; outerKeyHex: string } {
  if (key.length > HMAC_BLOCK) throw new RangeError('HMAC keys longer than a block must be hashed first');
  const padded = Buffer.alloc(HMAC_BLOCK);
  key.copy(padded);
  const xor = (byte: number) => Buffer.from(padded.map((b) => b ^ byte)).toString('hex');
  return { innerKeyHex: xor(0x36), outerKeyHex: xor(0x5c) };
}

export function columnMasking(policy: MaskingPolicy, role: Role, key: Buffer, classes: ColumnClasses = {}): ColumnMasking {
  return { role, modes: { ...policy[role] }, classes, ...hmacPads(key) };
}

/** The hash a HASHED column shows for `value` (upper-case hex, as ClickHouse's hex() writes it): for tests and checks. */
export function maskedValue(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').toUpperCase();
}

/** A value that is a HASHED column's output, the only thing a filter on such a column may compare with. */
export const MASKED_VALUE_PATTERN = /^[0-9A-Fa-f]{64}$/;
