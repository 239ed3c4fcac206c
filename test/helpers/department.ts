import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { parseDepartment } from '../../src/config/load-config.js';
import type { DepartmentConfig } from '../../src/config/department-schema.js';

const minimal = parse(readFileSync('test/fixtures/config/minimal.yaml', 'utf8')) as Record<
  string,
  unknown
>;

/** The minimal fixture with whole top-level sections replaced, validated like a real file. */
export function departmentWith(sections: Record<string, unknown>): DepartmentConfig {
  return parseDepartment(stringify({ ...minimal, ...sections }));
}
