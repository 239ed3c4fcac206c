import { readFileSync } from 'node:fs';
import { departmentFiles, nodeDepartmentFs, type DepartmentFs } from './department-files.js';
import { parseDocument } from 'yaml';
import { ConfigError, formatPath, toProblems, type ConfigProblem } from './config-error.js';
import type { Department } from '../domain/department/department.js';
import { departmentSchema } from './department-schema.js';
import { toDepartment } from './to-department.js';
import { envSchema, resolveBitrixAuth, type BitrixAuthConfig, type Env } from './env-schema.js';

/** Everything the service needs to run, validated once at start-up. */
export interface Config {
  env: Env;
  /** Undefined when no portal is configured (check-config and report on a fixture still work). */
  bitrix: BitrixAuthConfig | undefined;
  /** The first department (the only one, in a deployment of one department). */
  department: Department;
  departmentFile: string;
  /** Every department this deployment serves, in the order DEPARTMENT_FILE names them. */
  departments: readonly LoadedDepartment[];
}

export interface LoadedDepartment {
  department: Department;
  file: string;
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides DEPARTMENT_FILE (the CLI's --config). */
  departmentFile?: string;
  readFile?: (path: string) => string;
  /** Folders in DEPARTMENT_FILE (tests give their own). */
  fs?: Pick<DepartmentFs, 'isDirectory' | 'list'>;
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
  let departments: LoadedDepartment[] | undefined;
  try {
    departments = loadDepartments(departmentFile, options.readFile, options.fs);
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
  const first = departments[0]!;
  return Object.freeze({
    env,
    bitrix: resolveBitrixAuth(env),
    department: first.department,
    departmentFile: first.file,
    departments,
  });
}

/**
 * Every department file DEPARTMENT_FILE names (a file, a folder, a comma-separated list), each
 * validated, then checked together: department ids are unique (they name jobs and keys) and a
 * user is a manager in one department only. One ConfigError lists every problem of every file.
 */
export function loadDepartments(
  spec: string,
  readFile?: (path: string) => string,
  fs: Pick<DepartmentFs, 'isDirectory' | 'list'> = nodeDepartmentFs,
): LoadedDepartment[] {
  const files = departmentFiles(spec, fs);
  if (files.length === 0) {
    throw new ConfigError('DEPARTMENT_FILE', [
      { path: 'DEPARTMENT_FILE', message: 'names no department file' },
    ]);
  }
  const loaded: LoadedDepartment[] = [];
  const problems: ConfigProblem[] = [];
  for (const file of files) {
    if (fs.isDirectory(file) === true) {
      problems.push({ path: file, message: 'the folder holds no department file (*.yaml)' });
      continue;
    }
    try {
      loaded.push({ department: loadDepartment(file, readFile), file });
    } catch (error) {
      if (!(error instanceof ConfigError)) {
        throw error;
      }
      problems.push(
        ...error.problems.map((p) =>
          files.length === 1
            ? p
            : { path: p.path === '' ? file : `${file}: ${p.path}`, message: p.message },
        ),
      );
    }
  }
  problems.push(...crossProblems(loaded));
  if (problems.length > 0) {
    throw new ConfigError(files.length === 1 ? files[0]! : spec, problems);
  }
  return loaded;
}

/** What no single file can show: a repeated department id, a manager in two departments. */
function crossProblems(loaded: readonly LoadedDepartment[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = new Map<string, string>();
  const managers = new Map<number, { file: string; index: number }>();
  for (const { department, file } of loaded) {
    const seenId = ids.get(department.id);
    if (seenId !== undefined) {
      problems.push({
        path: `${file}: department.id`,
        message: `"${department.id}" is also the id of ${seenId}; every department needs its own (it names jobs and keys)`,
      });
    } else {
      ids.set(department.id, file);
    }
    department.managers.forEach((manager, index) => {
      const seen = managers.get(manager.userId);
      if (seen !== undefined) {
        problems.push({
          path: `${file}: managers[${index}].user_id`,
          message: `user ${manager.userId} is a manager in ${seen.file} (managers[${seen.index}]) and in ${file}; a user may be a manager in one department only`,
        });
      } else {
        managers.set(manager.userId, { file, index });
      }
    });
  }
  return problems;
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
