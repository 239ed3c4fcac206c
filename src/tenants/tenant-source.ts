import type { BitrixClient } from '../bitrix/client.js';
import type { Department } from '../domain/department/department.js';

/**
 * One portal the deployment serves and its departments: with each department, a tenant
 * (portal, department). Its key names its Redis keys and its job ids; `''` is the deployment's
 * own portal (webhook mode), whose keys and job ids stay as they were before portals had keys.
 */
export interface PortalTenant {
  /** `''`, or lower-case letters, digits, ".", "-", "_" (at most 81): stable for the portal's life. */
  key: string;
  departments: readonly Department[];
  /** The portal's REST client; its limiter is keyed by the portal's host and shared in Redis. */
  bitrix: BitrixClient;
}

/**
 * Where tenants come from. Webhook mode: the environment's portal and the department files.
 * Application mode: the installed portals and the department files added to each.
 */
export interface TenantSource {
  portals(): Promise<readonly PortalTenant[]>;
}

/** Where a portal's keys live: the deployment's prefix, or `<prefix>portal:<key>:` for another. */
export function portalKeyPrefix(keyPrefix: string, portal: string): string {
  return portal === '' ? keyPrefix : `${keyPrefix}portal:${portal}:`;
}

/** Webhook mode: one portal, the environment's, with every department file. */
export function fixedTenantSource(portals: readonly PortalTenant[]): TenantSource {
  return { portals: () => Promise.resolve(portals) };
}
