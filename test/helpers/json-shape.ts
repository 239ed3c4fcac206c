/** Keys an answer may carry beyond the example, because another doc page shows them. */
export interface ShapeOptions {
  extraKeys?: readonly string[];
}

/**
 * Where a JSON answer differs in shape from a documented example: keys missing or extra in
 * objects, and values of another JSON type. `null` on either side matches anything (the docs
 * show many fields as null), an empty array or object (`"data": {}`) matches any array or
 * object, and an array's items are compared with the example's first item. Returns one line
 * per difference, with its path.
 */
export function shapeDifferences(
  actual: unknown,
  documented: unknown,
  options: ShapeOptions = {},
  path = '$',
): string[] {
  if (actual === null || documented === null) {
    return [];
  }
  if (Array.isArray(actual) || Array.isArray(documented)) {
    if (!Array.isArray(actual) || !Array.isArray(documented)) {
      return [`${path}: ${kind(actual)} where the docs show ${kind(documented)}`];
    }
    const [example] = documented as unknown[];
    return example === undefined
      ? []
      : (actual as unknown[]).flatMap((item, i) =>
          shapeDifferences(item, example, options, `${path}[${i}]`),
        );
  }
  if (isRecord(actual) && isRecord(documented)) {
    if (Object.keys(documented).length === 0) {
      return [];
    }
    const allowed = options.extraKeys ?? [];
    const missing = Object.keys(documented)
      .filter((key) => !(key in actual))
      .map((key) => `${path}.${key}: missing`);
    const extra = Object.keys(actual)
      .filter((key) => !(key in documented) && !allowed.includes(key))
      .map((key) => `${path}.${key}: not in the docs`);
    const common = Object.keys(documented)
      .filter((key) => key in actual)
      .flatMap((key) => shapeDifferences(actual[key], documented[key], options, `${path}.${key}`));
    return [...missing, ...extra, ...common];
  }
  return kind(actual) === kind(documented)
    ? []
    : [`${path}: ${kind(actual)} where the docs show ${kind(documented)}`];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'array' : typeof value;
}
