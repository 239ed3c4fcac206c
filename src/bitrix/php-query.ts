/**
 * Encodes parameters as PHP's `http_build_query` does, which is how Bitrix24 reads batch
 * sub-calls and form bodies: `filter[>=CREATED]=2026-11-23T00:00:00%2B03:00`,
 * `select[0]=ID`. Every reserved character is percent-encoded, so a "+" in a time offset
 * survives (PHP would read a bare "+" as a space).
 */
export function toPhpQuery(params: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (prefix: string, value: unknown) => {
    if (value === undefined) {
      return;
    }
    if (value === null) {
      pairs.push(`${encode(prefix)}=`);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(`${prefix}[${index}]`, item));
    } else if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        walk(`${prefix}[${key}]`, item);
      }
    } else if (typeof value === 'boolean') {
      pairs.push(`${encode(prefix)}=${value ? '1' : '0'}`);
    } else {
      pairs.push(
        `${encode(prefix)}=${encode(typeof value === 'string' ? value : JSON.stringify(value))}`,
      );
    }
  };
  for (const [key, value] of Object.entries(params)) {
    walk(key, value);
  }
  return pairs.join('&');
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Parses a PHP-style query string into nested objects (the inverse, for the emulator). */
export function fromPhpQuery(query: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const pair of query.split('&')) {
    if (pair === '') {
      continue;
    }
    const eq = pair.indexOf('=');
    const rawKey = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    const match = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    const head = match?.[1] ?? rawKey;
    const path = [...(match?.[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
    assign(root, [head, ...path], value);
  }
  return root;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function assign(target: Record<string, unknown>, path: string[], value: string) {
  let node: Record<string, unknown> = target;
  path.forEach((key, index) => {
    const last = index === path.length - 1;
    const slot = key === '' ? String(Object.keys(node).length) : key;
    if (last) {
      node[slot] = value;
      return;
    }
    const next = node[slot];
    if (typeof next !== 'object' || next === null) {
      node[slot] = {};
    }
    node = node[slot] as Record<string, unknown>;
  });
}
