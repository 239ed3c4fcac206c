import { ConfigError } from '../config/config-error.js';
import type { Config, LoadedDepartment } from '../config/load-config.js';
import type { CommandOption } from './command.js';

export const departmentOption: CommandOption = {
  type: 'string',
  short: 'd',
  description:
    'which department, by the id in its file (needed when DEPARTMENT_FILE names several)',
};

/** The department a command is about: the only one, or the one `--department` names. */
export function pickDepartment(config: Config, id: string | undefined): LoadedDepartment {
  const ids = config.departments.map((d) => d.department.id);
  if (id === undefined) {
    if (config.departments.length === 1) {
      return config.departments[0]!;
    }
    throw new ConfigError('--department', [
      {
        path: '--department',
        message: `this deployment has ${ids.length} departments (${ids.join(', ')}): name one`,
      },
    ]);
  }
  const found = config.departments.find((d) => d.department.id === id);
  if (found === undefined) {
    throw new ConfigError('--department', [
      { path: '--department', message: `no department "${id}": expected one of ${ids.join(', ')}` },
    ]);
  }
  return found;
}
