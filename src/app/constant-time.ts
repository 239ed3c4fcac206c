import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a received secret (application_token) with the stored one in constant time: both are
 * hashed to 32 bytes first, so timingSafeEqual always gets equal-length buffers and the time
 * says nothing about either value or its length. An empty stored value never matches.
 */
export function sameSecret(received: string, stored: string | undefined): boolean {
  if (stored === undefined || stored === '') {
    return false;
  }
  const a = createHash('sha256').update(received, 'utf8').digest();
  const b = createHash('sha256').update(stored, 'utf8').digest();
  return timingSafeEqual(a, b);
}
