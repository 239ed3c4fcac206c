/**
 * Two families, so callers can decide on retry without reading messages (grammY's split):
 * `BitrixApiError` — the portal answered with `{ error, error_description }`;
 * `BitrixHttpError` — no usable answer (network, timeout, a 5xx or a body that is not JSON).
 * Messages name the method, never the URL: a webhook URL's path holds its secret code.
 */
export class BitrixApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    readonly description: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(
      `Bitrix24 ${method} answered ${status} ${code || '(no code)'}${description ? `: ${description}` : ''}`,
    );
    this.name = 'BitrixApiError';
  }
}

export class BitrixHttpError extends Error {
  /** The portal's error code when a 5xx carried one (`INTERNAL_SERVER_ERROR`), for the log. */
  readonly code: string | undefined;

  constructor(
    readonly method: string,
    readonly reason: 'network' | 'timeout' | 'server' | 'not_json',
    readonly status: number | undefined,
    options?: { cause?: unknown; code?: string },
  ) {
    super(
      `Bitrix24 ${method} failed: ${reason}${status === undefined ? '' : ` (HTTP ${status}${options?.code ? ` ${options.code}` : ''})`}`,
      options,
    );
    this.name = 'BitrixHttpError';
    this.code = options?.code;
  }
}

/** A response that does not match the documented shape. */
export class BitrixResponseError extends BitrixApiError {
  constructor(method: string, field: string, message: string) {
    super(method, 'unexpected_response', `${field}: ${message}`, 200);
    this.name = 'BitrixResponseError';
  }
}

/** The OAuth refresh token is no longer valid: only an administrator can fix it. */
export class BitrixAuthorizationLostError extends BitrixApiError {
  constructor(code: string) {
    super(
      'oauth/token',
      code,
      'the saved authorization is no longer valid: reinstall the application or set a new BITRIX_REFRESH_TOKEN',
      401,
    );
    this.name = 'BitrixAuthorizationLostError';
  }
}

/** 503: the leaky bucket refused the request; it was certainly not executed. */
export const QUERY_LIMIT_CODES = new Set(['QUERY_LIMIT_EXCEEDED']);
/** 429: the method's operating-time budget is spent until `operating_reset_at`. */
export const OPERATION_LIMIT_CODES = new Set(['OPERATION_TIME_LIMIT']);
/** Codes that a retry cannot fix: the webhook, the token or the permissions are wrong. */
export const PERMANENT_CODES = new Set([
  'NO_AUTH_FOUND',
  'INVALID_CREDENTIALS',
  'insufficient_scope',
  'invalid_scope',
  'user_access_error',
  'ACCESS_DENIED',
  'WRONG_AUTH_TYPE',
  'INVALID_REQUEST',
  'ERROR_METHOD_NOT_FOUND',
  // A batch too long or with a method batch refuses: the same batch fails every time.
  'ERROR_BATCH_LENGTH_EXCEEDED',
  'ERROR_BATCH_METHOD_NOT_ALLOWED',
  'PORTAL_DELETED',
  /** 503: the portal was blocked by hand; retrying does not lift it. */
  'OVERLOAD_LIMIT',
  'invalid_grant',
  'invalid_client',
  'BOT_OWNERSHIP_ERROR',
  'BOT_TOKEN_NOT_SPECIFIED',
]);

export function isQueryLimit(error: unknown): error is BitrixApiError {
  return error instanceof BitrixApiError && QUERY_LIMIT_CODES.has(error.code);
}

export function isOperationLimit(error: unknown): error is BitrixApiError {
  return error instanceof BitrixApiError && OPERATION_LIMIT_CODES.has(error.code);
}

export function isTokenExpired(error: unknown): error is BitrixApiError {
  return (
    error instanceof BitrixApiError &&
    (error.code === 'expired_token' || error.code === 'invalid_token')
  );
}

/** True for errors no retry can fix (the job fails at once and the head is told). */
export function isPermanentBitrixError(error: unknown): boolean {
  return (
    error instanceof BitrixApiError &&
    (PERMANENT_CODES.has(error.code) || error instanceof BitrixResponseError)
  );
}
