import type { AxiosInstance, AxiosResponse } from 'axios';
import {
  BitrixApiError,
  BitrixHttpError,
  OPERATION_LIMIT_CODES,
  PERMANENT_CODES,
  QUERY_LIMIT_CODES,
} from './errors.js';
import { parseSuccess, type BitrixEnvelope } from './envelope.js';

export interface TransportOptions {
  http: AxiosInstance;
  timeoutMs: number;
  /** Told when the portal answered with a redirect, so the operator can update the address. */
  onMoved?: (from: string, to: string) => void;
}

/** One POST of one method: JSON in, a parsed envelope or a typed error out. */
export type Transport = (
  url: string,
  method: string,
  body: Record<string, unknown>,
) => Promise<BitrixEnvelope>;

const MAX_REDIRECTS = 3;

/**
 * POSTs JSON and reads the answer. An error is the *presence* of the `error` key (the docs
 * show `""` and `0` too). Redirects are not followed by axios, because a redirected POST may
 * turn into a GET and lose its body: a moved portal's `Location` gets the same POST again.
 */
export function createTransport(options: TransportOptions): Transport {
  return async (url, method, body) => {
    let target = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const response = await post(options, target, method, body);
      const location = response.headers.location as string | undefined;
      if (response.status >= 300 && response.status < 400 && location !== undefined) {
        const next = new URL(location, target).toString();
        options.onMoved?.(target, next);
        target = next;
        continue;
      }
      return readEnvelope(method, response);
    }
    throw new BitrixHttpError(method, 'network', undefined, {
      cause: new Error('too many redirects'),
    });
  };
}

async function post(
  options: TransportOptions,
  url: string,
  method: string,
  body: Record<string, unknown>,
) {
  try {
    return await options.http.post<string>(url, JSON.stringify(body), {
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      timeout: options.timeoutMs,
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? 'timeout' : 'network';
    // The axios error carries the URL (and with it the webhook code): keep only its code.
    throw new BitrixHttpError(method, reason, undefined, {
      cause: new Error(code ?? 'request failed'),
    });
  }
}

function readEnvelope(method: string, response: AxiosResponse<string>): BitrixEnvelope {
  let body: unknown;
  try {
    body = JSON.parse(response.data);
  } catch {
    throw new BitrixHttpError(
      method,
      response.status >= 500 ? 'server' : 'not_json',
      response.status,
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BitrixHttpError(method, 'not_json', response.status);
  }
  const record = body as Record<string, unknown>;
  if ('error' in record) {
    const code = typeof record.error === 'string' ? record.error : String(record.error);
    const description =
      typeof record.error_description === 'string' ? record.error_description : '';
    const refusal = new BitrixApiError(
      method,
      code,
      description,
      response.status,
      extraDetails(record),
    );
    // A 5xx is the server failing, whatever its body says: the call may have run (a 500
    // INTERNAL_SERVER_ERROR after the message was stored). Only codes that say the request was
    // refused before it ran, or that no retry can help, stay answers.
    if (response.status >= 500 && !isDecisive5xx(code)) {
      throw new BitrixHttpError(method, 'server', response.status, { cause: refusal, code });
    }
    throw refusal;
  }
  if (response.status >= 500) {
    throw new BitrixHttpError(method, 'server', response.status);
  }
  const envelope = parseSuccess(record);
  if (envelope === undefined) {
    throw new BitrixHttpError(method, 'not_json', response.status);
  }
  return envelope;
}

function extraDetails(record: Record<string, unknown>): Record<string, unknown> {
  const { error: _error, error_description: _description, ...rest } = record;
  return rest;
}

/** 503 QUERY_LIMIT_EXCEEDED / OVERLOAD_LIMIT refuse before running; PORTAL_DELETED is final. */
function isDecisive5xx(code: string): boolean {
  return (
    QUERY_LIMIT_CODES.has(code) || OPERATION_LIMIT_CODES.has(code) || PERMANENT_CODES.has(code)
  );
}
