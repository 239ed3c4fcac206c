/**
 * The portal's request limit: each request adds one; the counter drains `perSecond`; a request
 * that would take it above `burst` is refused (503 QUERY_LIMIT_EXCEEDED) and not counted.
 * Kept per portal and source address, as the documentation describes.
 */
export interface LeakyBucket {
  admit(source: string, nowMs: number): boolean;
}

export function createLeakyBucket(burst: number, perSecond: number): LeakyBucket {
  const levels = new Map<string, { level: number; at: number }>();
  return {
    admit(source, nowMs) {
      const entry = levels.get(source) ?? { level: 0, at: nowMs };
      entry.level = Math.max(0, entry.level - ((nowMs - entry.at) / 1000) * perSecond);
      entry.at = nowMs;
      levels.set(source, entry);
      if (entry.level + 1 > burst + 1e-9) {
        return false;
      }
      entry.level += 1;
      return true;
    },
  };
}
