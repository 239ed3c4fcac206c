import { createHash } from 'node:crypto';

/**
 * A UUID that is the same for the same key, every time and in every process (SHA-1 of the
 * key). It is laid out as a version-4 UUID on purpose: Bitrix24's im module deduplicates a
 * message by its UUID only when the UUID passes its version-4 check
 * (`Bitrix\Im\Message\Uuid::validate`); a version-5 one would be accepted and ignored.
 */
export function stableUuid(key: string): string {
  const bytes = createHash('sha1').update(`standup-bot:${key}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
