import type { Redis } from 'ioredis';
import type { z } from 'zod';

/** A stored document and the version it was read at; write it back with that version. */
export interface Versioned<T> {
  version: number;
  value: T;
}

/**
 * Documents written compare-and-set: a write names the version it read, and loses (returns
 * false) when another writer got there first. Two concurrent events on one conversation can
 * therefore never both win; the loser re-reads and re-applies its transition.
 */
export interface VersionedDocs<T> {
  get(id: string): Promise<Versioned<T> | undefined>;
  /** Creates the document at version 1 unless it exists; false when it already did. */
  create(id: string, value: T): Promise<boolean>;
  /** Writes version `expected + 1` if the stored version is still `expected`. */
  compareAndSet(id: string, expected: number, value: T): Promise<boolean>;
  getMany(ids: readonly string[]): Promise<(Versioned<T> | undefined)[]>;
}

// KEYS[1] doc; ARGV[1] expected version ("0" = absent), ARGV[2] new version, ARGV[3] JSON,
// ARGV[4] seconds to keep the document after this write ("0" = for ever).
const CAS_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'v')
if (current or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'd', ARGV[3])
if ARGV[4] ~= '0' then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
return 1`;

/** A quarantined document is kept this long for an administrator to look at. */
const QUARANTINE_SECONDS = 30 * 24 * 3600;

export interface RedisVersionedDocsOptions<T> {
  redis: Redis;
  /** Full key prefix of this kind of document, e.g. `standup:conv:`. */
  keyPrefix: string;
  /** Parses what was read: a stored document that no longer fits is quarantined, not used. */
  schema: z.ZodType<T>;
  /** Every write keeps the document this much longer; for ever when omitted. */
  keepSeconds?: number;
  /**
   * Where a document that no longer fits its schema (an upgrade, a hand edit) is moved, so one
   * bad record never blocks the others; told with the reason. Reads then see it as absent.
   */
  quarantine?: { keyPrefix: string; onQuarantined: (id: string, reason: string) => void };
}

export function createRedisVersionedDocs<T>(
  options: RedisVersionedDocsOptions<T>,
): VersionedDocs<T> {
  const { redis, keyPrefix, schema } = options;
  const key = (id: string) => `${keyPrefix}${id}`;
  const parse = async (
    id: string,
    fields: [string | null, string | null],
  ): Promise<Versioned<T> | undefined> => {
    const [version, data] = fields;
    if (version === null || data === null) {
      return undefined;
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      value = undefined;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      return { version: Number(version), value: parsed.data };
    }
    const reason = `does not match its schema: ${parsed.error.issues[0]?.message ?? 'not JSON'} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`;
    if (options.quarantine === undefined) {
      throw new Error(`stored document ${id} ${reason}`);
    }
    const moved = `${options.quarantine.keyPrefix}${id}`;
    await redis.multi().rename(key(id), moved).expire(moved, QUARANTINE_SECONDS).exec();
    options.quarantine.onQuarantined(id, reason);
    return undefined;
  };
  const cas = (id: string, expected: number, value: T) =>
    redis
      .eval(
        CAS_SCRIPT,
        1,
        key(id),
        String(expected),
        String(expected + 1),
        JSON.stringify(value),
        String(options.keepSeconds ?? 0),
      )
      .then((result) => result === 1);

  return {
    async get(id) {
      return parse(id, (await redis.hmget(key(id), 'v', 'd')) as [string | null, string | null]);
    },
    create: (id, value) => cas(id, 0, value),
    compareAndSet: cas,
    async getMany(ids) {
      if (ids.length === 0) {
        return [];
      }
      const pipeline = redis.pipeline();
      ids.forEach((id) => pipeline.hmget(key(id), 'v', 'd'));
      const results = (await pipeline.exec()) ?? [];
      return Promise.all(
        results.map(([error, fields], index) => {
          if (error) {
            throw error;
          }
          return parse(ids[index] ?? '', fields as [string | null, string | null]);
        }),
      );
    },
  };
}

/**
 * Re-reads and re-applies `change` until its compare-and-set wins (bounded). A change that
 * returns the very value it was given writes nothing.
 */
export async function updateWithRetry<T, R>(
  docs: VersionedDocs<T>,
  id: string,
  change: (current: Versioned<T> | undefined) => { value: T; result: R } | undefined,
  attempts = 20,
): Promise<R | undefined> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = await docs.get(id);
    const next = change(current);
    if (next === undefined) {
      return undefined;
    }
    if (current !== undefined && next.value === current.value) {
      return next.result; // nothing changed: nothing to write
    }
    const won =
      current === undefined
        ? await docs.create(id, next.value)
        : await docs.compareAndSet(id, current.version, next.value);
    if (won) {
      return next.result;
    }
  }
  throw new Error(`document ${id} kept changing under ${attempts} attempts`);
}
