import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError, formatPath, parseDepartment } from '../../../src/config/load-config.js';

const EXAMPLE = readFileSync('config/department.example.yaml', 'utf8');

/** A small seeded generator, so a failure names a case that can be replayed. */
function seeded(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

type Path = (string | number)[];

/** Every leaf of a parsed document, with its path. */
function leaves(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => leaves(item, [...path, index]));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  }
  return [{ path, value }];
}

function setAt(root: unknown, path: Path, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    node = node[key] as Record<string | number, unknown>;
  }
  node[path.at(-1)!] = value;
}

/** What every refusal must be: a ConfigError whose problems each name what is wrong. */
function refusal(text: string): ConfigError | undefined {
  try {
    parseDepartment(text, 'fuzz.yaml');
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.message.length).toBeGreaterThan(3);
    }
    return error as ConfigError;
  }
}

describe('generated broken department files', () => {
  const example = parse(EXAMPLE) as unknown;
  const numbers = leaves(example).filter((leaf) => typeof leaf.value === 'number');

  it('the example itself is valid', () => {
    expect(refusal(EXAMPLE)).toBeUndefined();
  });

  it('a word where a number belongs is refused, naming its path', () => {
    expect(numbers.length).toBeGreaterThan(20);
    for (const leaf of numbers) {
      const broken = structuredClone(example);
      setAt(broken, leaf.path, 'ten');
      const error = refusal(stringify(broken));
      expect(error?.message, formatPath(leaf.path)).toContain(formatPath(leaf.path));
    }
  });

  it('an unknown key anywhere is refused, naming it, with every other problem at once', () => {
    const random = seeded(42);
    const objects = leaves(example)
      .map((leaf) => leaf.path.slice(0, -1))
      .filter((path) => typeof path.at(-1) !== 'number' || path.length > 0);
    for (let i = 0; i < 40; i++) {
      const broken = structuredClone(example);
      const parent = objects[Math.floor(random() * objects.length)]!;
      const target = parent.reduce<unknown>(
        (node, key) => (node as Record<string | number, unknown>)[key],
        broken,
      );
      if (Array.isArray(target) || target === null || typeof target !== 'object') {
        continue;
      }
      (target as Record<string, unknown>).calss = 'A';
      const numberLeaf = numbers[Math.floor(random() * numbers.length)]!;
      setAt(broken, numberLeaf.path, -5);
      const error = refusal(stringify(broken));
      expect(error?.message).toContain('calss');
      expect(error?.problems.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('cut, garbled or binary text never crashes: a clear refusal or a valid file', () => {
    const random = seeded(7);
    const junk = [
      '\u0000',
      ':',
      '- ',
      '\t',
      '{',
      ']',
      '"',
      "'",
      '&a',
      '*b',
      '!!binary',
      '\uFFFD',
      '\n  ',
    ];
    for (let i = 0; i < 300; i++) {
      const at = Math.floor(random() * EXAMPLE.length);
      const text =
        i % 3 === 0
          ? EXAMPLE.slice(0, at)
          : EXAMPLE.slice(0, at) + junk[Math.floor(random() * junk.length)] + EXAMPLE.slice(at + 1);
      refusal(text);
    }
    for (const text of [
      '',
      '---',
      'null',
      '[]',
      '42',
      'a: [',
      'department: *b', // an alias without its anchor: the YAML reader throws on it
      Buffer.from([0xff, 0xfe, 0, 1]).toString('latin1'),
    ]) {
      expect(refusal(text)).toBeInstanceOf(ConfigError);
    }
  });
});
