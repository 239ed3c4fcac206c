import { createHash } from 'node:crypto';

/**
 * A UUID that is the same for the same key, every time and in every process (the layout of a
 * name-based UUID, version 5 style, over SHA-1). Used where the portal deduplicates by UUID.
 */
export function stableUuid(key: string): string {
  const bytes = createHash('sha1').update(`standup-bot:${key}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
