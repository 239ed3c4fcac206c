import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sameSecret } from '../../../src/app/constant-time.js';
import { createTokenCipher, parseTokenKey, TokenKeyError } from '../../../src/app/token-cipher.js';

describe('the token cipher (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const cipher = createTokenCipher(key);

  it('seals to text without the secret, and opens it back at the same place', () => {
    const sealed = cipher.seal('access-token-123456', 'p:portal:abc:oauth#sealed');
    expect(sealed).not.toContain('access-token');
    expect(sealed).toMatch(/^v1\./);
    expect(cipher.open(sealed, 'p:portal:abc:oauth#sealed')).toBe('access-token-123456');
    // A fresh IV each time: the same secret never seals to the same text.
    expect(cipher.seal('access-token-123456', 'x')).not.toBe(
      cipher.seal('access-token-123456', 'x'),
    );
  });

  it('refuses a wrong key, another place, or a changed value with a TokenKeyError, never garbage', () => {
    const sealed = cipher.seal('refresh-token-abcdef', 'a');
    const other = createTokenCipher(randomBytes(32));
    expect(() => other.open(sealed, 'a')).toThrow(TokenKeyError);
    expect(() => other.open(sealed, 'a')).toThrow(/APP_TOKEN_KEY/);
    expect(() => cipher.open(sealed, 'b')).toThrow(TokenKeyError);
    const parts = sealed.split('.');
    const flipped = [parts[0], parts[1], parts[2], `${parts[3]?.slice(0, -2)}AA`].join('.');
    expect(() => cipher.open(flipped, 'a')).toThrow(TokenKeyError);
    expect(() => cipher.open('plain-text', 'a')).toThrow(TokenKeyError);
  });

  it('reads APP_TOKEN_KEY as 64 hex characters or base64 of 32 bytes, and nothing else', () => {
    const bytes = randomBytes(32);
    expect(parseTokenKey(bytes.toString('hex')).equals(bytes)).toBe(true);
    expect(parseTokenKey(bytes.toString('base64')).equals(bytes)).toBe(true);
    expect(parseTokenKey(bytes.toString('base64url')).equals(bytes)).toBe(true);
    for (const wrong of [
      '',
      'secret',
      randomBytes(16).toString('hex'),
      randomBytes(31).toString('base64'),
      'z'.repeat(64),
    ]) {
      expect(() => parseTokenKey(wrong)).toThrow(/APP_TOKEN_KEY must be 32 random bytes/);
    }
    // The message never echoes the value.
    expect(() => parseTokenKey('my-secret-value')).toThrow(/^(?!.*my-secret-value)/s);
  });
});

describe('sameSecret', () => {
  it('matches only the same token, whatever the lengths; nothing matches an empty store', () => {
    expect(sameSecret('51856fefc120afa4b628cc82d3935cce', '51856fefc120afa4b628cc82d3935cce')).toBe(
      true,
    );
    expect(sameSecret('51856fefc120afa4b628cc82d3935ccf', '51856fefc120afa4b628cc82d3935cce')).toBe(
      false,
    );
    expect(
      sameSecret('51856fefc120afa4b628cc82d3935cce0', '51856fefc120afa4b628cc82d3935cce'),
    ).toBe(false);
    expect(sameSecret('', '')).toBe(false);
    expect(sameSecret('', undefined)).toBe(false);
    expect(sameSecret('x', undefined)).toBe(false);
  });
});
