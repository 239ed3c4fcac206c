import type { IncomingMessage } from 'node:http';
import { fromPhpQuery } from '../bitrix/php-query.js';
import { EmulatorError } from './emulator-error.js';

const MAX_BODY = 10 * 1024 * 1024;

/** Query string and body merged, JSON or form-encoded with PHP-style keys, as Bitrix24 reads them. */
export async function readParams(
  req: IncomingMessage,
  query: string,
): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) {
      throw new EmulatorError('INVALID_REQUEST', 'Request body too large', 413);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const fromQuery = fromPhpQuery(query);
  if (text.trim() === '') {
    return fromQuery;
  }
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      const body: unknown = JSON.parse(text);
      return {
        ...fromQuery,
        ...(typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}),
      };
    } catch {
      throw new EmulatorError('INVALID_REQUEST', 'Invalid JSON in the request body');
    }
  }
  return { ...fromQuery, ...fromPhpQuery(text) };
}
