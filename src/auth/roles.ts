/**
 * Who may do what. A credential carries one or more roles; a role grants permissions;
 * every root field of the schema requires one permission (src/auth/policy.ts). Roles do
 * not nest except ADMIN, which holds every permission.
 */
import { ROLES, isRole, type Role } from '../config.js';

export { ROLES, isRole, type Role };

export const PERMISSIONS = {
  /** Read the catalogue, crosswalks, organisation, coverage, traceability and change log. */
  READ: 'read',
  /** Create, update, delete and link organisation records; decide applicability; derive obligations. */
  WRITE_ORGANISATION: 'organisation:write',
  /** Upserts by external reference, batch sync and imports (CSV, OSCAL). */
  SYNC: 'sync',
  /** Load or replace crosswalk sets and catalogues. */
  WRITE_CATALOGUE: 'catalogue:write',
  /** Create, list and revoke API keys. */
  MANAGE_KEYS: 'keys:manage',
  /** Scrape /metrics (when it is not public or token-protected). */
  READ_METRICS: 'metrics:read',
} as const;
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

const ALL: readonly Permission[] = Object.values(PERMISSIONS);

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  VIEWER: [PERMISSIONS.READ],
  EDITOR: [PERMISSIONS.READ, PERMISSIONS.WRITE_ORGANISATION],
  INTEGRATOR: [PERMISSIONS.READ, PERMISSIONS.SYNC],
  ADMIN: ALL,
};

/** The authenticated caller of one request. */
export interface Principal {
  /** Stable identity written to the change log: `key:<name>` for an API key, `token:<sub>` for a bearer token. */
  readonly id: string;
  readonly kind: 'API_KEY' | 'TOKEN';
  readonly roles: readonly Role[];
  /** The API key's id, for revocation and rate limiting; absent for tokens. */
  readonly keyId?: string;
}

export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

export const can = (principal: Principal, permission: Permission): boolean =>
  permissionsOf(principal.roles).has(permission);
