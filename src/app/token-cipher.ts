import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals secrets at rest (OAuth tokens, application_token) with AES-256-GCM: a fresh 12-byte IV
 * per value, the 16-byte tag checked on reading, and the value's place (its Redis key and field)
 * as additional data, so a sealed value copied under another portal's key does not open.
 */
export interface TokenCipher {
  seal(plain: string, place: string): string;
  /** Throws TokenKeyError when the value was sealed with another key or was changed. */
  open(sealed: string, place: string): string;
}

/** A stored secret does not open with APP_TOKEN_KEY: a wrong key or a damaged value. */
export class TokenKeyError extends Error {
  constructor(place: string) {
    super(
      `a secret stored at ${place} does not decrypt with APP_TOKEN_KEY: the key is not the one it was stored with (restore that key, or install the application on the portal again)`,
    );
    this.name = 'TokenKeyError';
  }
}

const VERSION = 'v1';

/**
 * Reads APP_TOKEN_KEY: 32 bytes as 64 hex characters or as base64 (44 characters). Anything
 * else is refused with a message that names the variable and never echoes the value.
 */
export function parseTokenKey(text: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) {
    return Buffer.from(value, 'hex');
  }
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(value)) {
    const key = Buffer.from(
      value,
      value.includes('-') || value.includes('_') ? 'base64url' : 'base64',
    );
    if (key.length === 32) {
      return key;
    }
  }
  throw new Error(
    'APP_TOKEN_KEY must be 32 random bytes as 64 hex characters or base64 (e.g. `openssl rand -hex 32`); value not shown: it is a secret',
  );
}

export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) {
    throw new Error('APP_TOKEN_KEY must be 32 bytes');
  }
  return {
    seal(plain, place) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(place, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open(sealed, place) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
        throw new TokenKeyError(place);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(place, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(body, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new TokenKeyError(place);
      }
    },
  };
}
