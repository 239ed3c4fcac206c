/** A Bitrix24 error answer: `{ error, error_description }` with its documented HTTP status. */
export class EmulatorError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${code}: ${description}`);
    this.name = 'EmulatorError';
  }
}

/** PHP-style bodies turn arrays into `{ "0": …, "1": … }`; this turns them back. */
export function arrayish(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) {
    return value as unknown[];
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every((key, index) => key === String(index))) {
      return Object.values(value) as unknown[];
    }
  }
  return undefined;
}

/** A request value as text: strings as they are, numbers and flags printed, anything else empty. */
export function text(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
