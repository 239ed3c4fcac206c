import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** How the loader sees the file system (tests give their own). */
export interface DepartmentFs {
  readFile: (path: string) => string;
  /** True for a folder, false for anything else, undefined when nothing is there. */
  isDirectory: (path: string) => boolean | undefined;
  list: (dir: string) => string[];
}

export const nodeDepartmentFs: Pick<DepartmentFs, 'isDirectory' | 'list'> = {
  isDirectory: (path) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return undefined;
    }
  },
  list: (dir) => readdirSync(dir),
};

/**
 * The department files DEPARTMENT_FILE (or --config) names: a file, a folder (every `*.yaml`
 * and `*.yml` in it, by name, leaving out `*.example.yaml`), or a comma-separated list of either. A folder without one
 * names itself, so the loader says it is empty.
 */
export function departmentFiles(spec: string, fs: Pick<DepartmentFs, 'isDirectory' | 'list'>) {
  const files: string[] = [];
  for (const entry of spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    if (fs.isDirectory(entry) === true) {
      const inside = fs
        .list(entry)
        .filter(
          (name) =>
            /\.ya?ml$/i.test(name) && !name.startsWith('.') && !/\.example\.ya?ml$/i.test(name),
        )
        .sort()
        .map((name) => join(entry, name));
      files.push(...(inside.length === 0 ? [entry] : inside));
    } else {
      files.push(entry);
    }
  }
  return [...new Set(files)];
}
