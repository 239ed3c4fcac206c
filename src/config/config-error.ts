import type { z } from 'zod';

/** One problem in a configuration, at a path an administrator can find in the file. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/**
 * A configuration that cannot run. Carries every problem at once, so an administrator fixes
 * the file in one pass. The service exits with code 2 on it, before touching the portal.
 */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${source}: ${problems.length} problem(s)\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

export function formatProblem(problem: ConfigProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

/** `['managers', 3, 'norms']` -> `managers[3].norms` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') {
      out += `[${part}]`;
    } else {
      out += out === '' ? String(part) : `.${String(part)}`;
    }
  }
  return out;
}

/** Turns zod issues into problems; unknown keys get a "did you mean" when one is close. */
export function toProblems(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (problem: ConfigProblem) => {
    // One value can fail two checks with the same words (a date's form, then its reality).
    if (!problems.some((p) => p.path === problem.path && p.message === problem.message)) {
      problems.push(problem);
    }
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const suggestion = closest(key, known);
        add({
          path: formatPath([...issue.path, key]),
          message:
            suggestion === undefined
              ? 'unknown key'
              : `unknown key (did you mean "${suggestion}"?)`,
        });
      }
    } else {
      add({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return problems;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(current);
    if (def.innerType !== undefined) {
      current = def.innerType;
    } else if (def.type === 'pipe' && def.out !== undefined && def.in !== undefined) {
      current = defOf(def.in).type === 'transform' ? def.out : def.in;
    } else {
      break;
    }
  }
  return current;
}

function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema);
  for (const part of path) {
    const def = defOf(current);
    if (def.type === 'object' && def.shape !== undefined && typeof part === 'string') {
      const next = def.shape[part];
      if (next === undefined) {
        return [];
      }
      current = unwrap(next);
    } else if (def.type === 'array' && def.element !== undefined) {
      current = unwrap(def.element);
    } else if (def.type === 'record' && def.valueType !== undefined) {
      current = unwrap(def.valueType);
    } else {
      return [];
    }
  }
  const def = defOf(current);
  return def.type === 'object' && def.shape !== undefined ? Object.keys(def.shape) : [];
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters costs one edit. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) {
    d[i * cols] = i;
  }
  for (let j = 0; j < cols; j++) {
    d[j] = j;
  }
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = value;
    }
  }
  return at(a.length, b.length);
}
