import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { ConfigError, formatPath, toProblems } from './config-error.js';
import type { Department } from '../domain/department/department.js';
import { departmentSchema } from './department-schema.js';
import { toDepartment } from './to-department.js';
import { envSchema, resolveBitrixAuth, type BitrixAuthConfig, type Env } from './env-schema.js';

/** Everything the service needs to run, validated once at start-up. */
export interface Config {
  env: Env;
  /** Undefined when no portal is configured (check-config and report on a fixture still work). */
  bitrix: BitrixAuthConfig | undefined;
  department: Department;
  departmentFile: string;
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides DEPARTMENT_FILE (the CLI's --config). */
  departmentFile?: string;
  readFile?: (path: string) => string;
}

/**
 * Validates the environment and the department file; throws one ConfigError listing every
 * problem of both, so an administrator fixes them in one pass.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const raw = options.env ?? process.env;
  let env: Env | undefined;
  let envError: ConfigError | undefined;
  try {
    env = parseEnv(raw);
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    envError = error;
  }
  const departmentFile =
    options.departmentFile ??
    env?.DEPARTMENT_FILE ??
    raw.DEPARTMENT_FILE ??
    'config/department.yaml';
  let department: Department | undefined;
  try {
    department = loadDepartment(departmentFile, options.readFile);
  } catch (error) {
    if (!(error instanceof ConfigError) || envError === undefined) {
      throw error;
    }
    throw new ConfigError(`the environment and ${departmentFile}`, [
      ...envError.problems,
      ...error.problems,
    ]);
  }
  if (env === undefined) {
    throw envError ?? new Error('unreachable');
  }
  return Object.freeze({ env, bitrix: resolveBitrixAuth(env), department, departmentFile });
}

export function parseEnv(raw: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError('environment', toProblems(result.error.issues, envSchema));
  }
  return result.data;
}

export function loadDepartment(
  file: string,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): Department {
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new ConfigError(file, [
      { path: '', message: `cannot read the department file: ${reason}` },
    ]);
  }
  return parseDepartment(text, file);
}

/** Parses YAML text into a validated department; YAML syntax errors carry line and column. */
export function parseDepartment(text: string, source = 'department file'): Department {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      source,
      doc.errors.map((error) => ({
        path: error.linePos?.[0]
          ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}`
          : '',
        message: `YAML: ${(error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias without its anchor ("*b") or too many aliases: the YAML reader throws here.
    throw new ConfigError(source, [
      { path: '', message: `YAML: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
  const result = departmentSchema.safeParse(raw ?? {});
  if (!result.success) {
    throw new ConfigError(source, toProblems(result.error.issues, departmentSchema));
  }
  return toDepartment(result.data);
}

export { ConfigError, formatPath };
