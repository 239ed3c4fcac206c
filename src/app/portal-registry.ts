import type { Redis } from 'ioredis';
import { z } from 'zod';
import { storeSealedPair, type TokenPair } from '../bitrix/oauth.js';
import { deleteByPrefix } from '../lib/delete-by-prefix.js';
import type { TokenCipher } from './token-cipher.js';

/** A portal the application is installed on, as `portal list` shows it: nothing secret. */
export interface InstalledPortal {
  /** The portal's `member_id`: its key, stable for the installation's life. */
  memberId: string;
  domain: string;
  /** Where its REST methods are called (`client_endpoint`, https://{domain}/rest/). */
  clientEndpoint: string;
  installedAt: string;
  /** The ids of the department files added with `portal add`. */
  departments: string[];
}

export interface Installation {
  memberId: string;
  domain: string;
  clientEndpoint: string;
  installedAt: string;
  tokens: TokenPair;
  applicationToken: string | undefined;
}

/**
 * The installed portals in Redis. Everything of one portal lives under its own prefix,
 * `<REDIS_PREFIX>:portal:<member_id>:` (its tokens, application_token, department files, and
 * whatever the runtime keeps for it), so uninstalling removes it with one prefix scan; two
 * index hashes list the portals and find one by domain.
 */
export interface PortalRegistry {
  prefix(memberId: string): string;
  /** The key of a portal's sealed OAuth pair (src/bitrix/oauth.ts reads and refreshes it). */
  tokenKey(memberId: string): string;
  install(installation: Installation): Promise<void>;
  setApplicationToken(memberId: string, token: string): Promise<void>;
  /** The stored application_token, opened; undefined when none was received. */
  applicationToken(memberId: string): Promise<string | undefined>;
  get(memberId: string): Promise<InstalledPortal | undefined>;
  /** A portal by its domain (`acme.bitrix24.ru`, any case, with or without https://). */
  findByDomain(domain: string): Promise<InstalledPortal | undefined>;
  list(): Promise<InstalledPortal[]>;
  addDepartment(memberId: string, id: string, text: string): Promise<void>;
  removeDepartment(memberId: string, id: string): Promise<boolean>;
  departmentFiles(memberId: string): Promise<{ id: string; text: string }[]>;
  /** Every key of the portal and its index entries. */
  remove(memberId: string): Promise<void>;
}

const MEMBER_ID = /^[a-z0-9_.-]{1,81}$/;

const indexEntrySchema = z.object({
  domain: z.string(),
  clientEndpoint: z.string(),
  installedAt: z.string(),
});

/** `https://Acme.Bitrix24.ru/` → `acme.bitrix24.ru`: how domains are compared. */
export function normalizeDomain(domain: string): string {
  return domain
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

export function isMemberId(value: string): boolean {
  return MEMBER_ID.test(value);
}

export function createPortalRegistry(options: {
  redis: Redis;
  /** `<REDIS_PREFIX>:` */
  keyPrefix: string;
  cipher: TokenCipher;
}): PortalRegistry {
  const { redis, keyPrefix, cipher } = options;
  const portalsKey = `${keyPrefix}app:portals`;
  const domainsKey = `${keyPrefix}app:domains`;
  const prefix = (memberId: string) => {
    if (!MEMBER_ID.test(memberId)) {
      throw new Error('member_id must be lower-case letters, digits, ".", "-", "_" (at most 81)');
    }
    return `${keyPrefix}portal:${memberId}:`;
  };
  const appKey = (memberId: string) => `${prefix(memberId)}app`;
  const departmentsKey = (memberId: string) => `${prefix(memberId)}departments`;
  const get = async (memberId: string): Promise<InstalledPortal | undefined> => {
    const raw = await redis.hget(portalsKey, memberId);
    if (raw === null) {
      return undefined;
    }
    const entry = indexEntrySchema.parse(JSON.parse(raw));
    const departments = (await redis.hkeys(departmentsKey(memberId))).sort();
    return { memberId, ...entry, departments };
  };
  return {
    prefix,
    tokenKey: (memberId) => `${prefix(memberId)}oauth`,
    async install(installation) {
      const { memberId } = installation;
      const domain = normalizeDomain(installation.domain);
      const previous = await get(memberId);
      await storeSealedPair(redis, `${prefix(memberId)}oauth`, cipher, installation.tokens);
      if (installation.applicationToken !== undefined) {
        await this.setApplicationToken(memberId, installation.applicationToken);
      }
      const multi = redis.multi();
      if (previous !== undefined && previous.domain !== domain) {
        multi.hdel(domainsKey, previous.domain);
      }
      multi.hset(
        portalsKey,
        memberId,
        JSON.stringify({
          domain,
          clientEndpoint: installation.clientEndpoint,
          installedAt: previous?.installedAt ?? installation.installedAt,
        }),
      );
      multi.hset(domainsKey, domain, memberId);
      await multi.exec();
    },
    async setApplicationToken(memberId, token) {
      const key = appKey(memberId);
      await redis.hset(key, 'application_token', cipher.seal(token, `${key}#application_token`));
    },
    async applicationToken(memberId) {
      const key = appKey(memberId);
      const sealed = await redis.hget(key, 'application_token');
      return sealed === null ? undefined : cipher.open(sealed, `${key}#application_token`);
    },
    get,
    async findByDomain(domain) {
      const memberId = await redis.hget(domainsKey, normalizeDomain(domain));
      return memberId === null ? undefined : get(memberId);
    },
    async list() {
      const ids = (await redis.hkeys(portalsKey)).sort();
      const portals = await Promise.all(ids.map(get));
      return portals
        .filter((p): p is InstalledPortal => p !== undefined)
        .sort((a, b) => a.domain.localeCompare(b.domain));
    },
    async addDepartment(memberId, id, text) {
      await redis.hset(departmentsKey(memberId), id, text);
    },
    async removeDepartment(memberId, id) {
      return (await redis.hdel(departmentsKey(memberId), id)) > 0;
    },
    async departmentFiles(memberId) {
      const all = await redis.hgetall(departmentsKey(memberId));
      return Object.entries(all)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, text]) => ({ id, text }));
    },
    async remove(memberId) {
      const entry = await get(memberId);
      await deleteByPrefix(redis, prefix(memberId));
      const multi = redis.multi().hdel(portalsKey, memberId);
      if (entry !== undefined) {
        multi.hdel(domainsKey, entry.domain);
      }
      await multi.exec();
    },
  };
}
