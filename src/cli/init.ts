import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import { resolveBitrixAuth } from '../config/env-schema.js';
import { parseDepartment, parseEnv } from '../config/load-config.js';
import { connectPortal } from '../context.js';
import { fullName } from '../domain/people/portal-people.js';
import { departmentTree, findDepartment } from '../setup/choose-department.js';
import { nodeDepartmentFs } from '../config/department-files.js';
import { departmentFileText } from '../setup/department-file-text.js';
import { readDepartments, readUsers, type PortalDepartment } from '../setup/portal-directory.js';
import { EXIT_CONFIG, EXIT_OK, type CliIo, type Command } from './command.js';

const EXAMPLE = new URL('../../config/department.example.yaml', import.meta.url);

export const initCommand: Command = {
  name: 'init',
  summary:
    'Write the department file from the portal: the department, its head and its active employees',
  usage:
    'standup-bot init [--department <name|id>] [--config <department.yaml>] [--force] [--id <key>] [--timezone <zone>] [--language ru|en]',
  options: {
    department: {
      type: 'string',
      short: 'd',
      description: "the portal's department, by name or id (asked on a terminal when omitted)",
    },
    config: {
      type: 'string',
      short: 'c',
      description:
        'where to write the file; a folder gets <id>.yaml (default: DEPARTMENT_FILE, config/department.yaml)',
    },
    force: { type: 'boolean', description: 'overwrite an existing file' },
    id: {
      type: 'string',
      description: "the department's key in job ids and Redis keys (default: dept-<portal id>)",
    },
    timezone: {
      type: 'string',
      description:
        "the department's IANA time zone (default: the head's portal time zone, else Europe/Moscow)",
    },
    language: { type: 'string', description: 'the chat language, ru or en (default ru)' },
  },
  async run(values, io) {
    const env = parseEnv(io.env);
    const auth = resolveBitrixAuth(env);
    const target = (values.config as string | undefined) ?? env.DEPARTMENT_FILE;
    // A folder of department files (several departments): the new one is <folder>/<id>.yaml.
    const folder = nodeDepartmentFs.isDirectory(target) === true || target.includes(',');
    if (target.includes(',')) {
      io.err(`${target} names several files: name the one to write with --config`);
      return EXIT_CONFIG;
    }
    const language = (values.language as string | undefined) ?? 'ru';
    if (language !== 'ru' && language !== 'en') {
      io.err(`--language: expected ru or en, got "${language}"`);
      return EXIT_CONFIG;
    }
    if (auth === undefined) {
      io.err('No portal is configured: set BITRIX_WEBHOOK_URL (or the OAuth variables) in .env.');
      return EXIT_CONFIG;
    }
    if (!folder && existsSync(target) && values.force !== true) {
      io.err(`${target} exists: pass --force to overwrite it.`);
      return EXIT_CONFIG;
    }
    const portal = await connectPortal(env, auth);
    try {
      const departments = await readDepartments(portal.bitrix);
      const department = await chooseDepartment(
        departments,
        values.department as string | undefined,
        io,
      );
      if (typeof department === 'string') {
        io.err(department);
        return EXIT_CONFIG;
      }
      if (department.head === undefined) {
        io.err(
          `Department ${department.id} "${department.name}" has no head on the portal: set one in the company structure, then run init again.`,
        );
        return EXIT_CONFIG;
      }
      const members = await readUsers(portal.bitrix, {
        department: department.id,
        activeOnly: true,
      });
      const head =
        members.find((u) => u.id === department.head) ??
        (await readUsers(portal.bitrix, { ids: [department.head] }))[0];
      const managers = members.filter((u) => u.active && u.id !== department.head);
      if (managers.length === 0) {
        io.err(
          `Department ${department.id} "${department.name}" has no active employees besides its head: choose the sales department itself.`,
        );
        return EXIT_CONFIG;
      }
      const timeZone = zoneOf(values.timezone as string | undefined, head?.timeZone);
      if (timeZone === undefined) {
        io.err(`--timezone: expected an IANA time zone such as Europe/Moscow`);
        return EXIT_CONFIG;
      }
      const key = (values.id as string | undefined) ?? `dept-${department.id}`;
      const file = folder ? join(target, `${key}.yaml`) : target;
      if (folder && existsSync(file) && values.force !== true) {
        io.err(`${file} exists: pass --force to overwrite it.`);
        return EXIT_CONFIG;
      }
      const text = departmentFileText(
        {
          key,
          name: department.name,
          portalId: department.id,
          timeZone,
          language,
          head: {
            id: department.head,
            name: head === undefined ? `user ${department.head}` : nameOf(head),
          },
          managers: managers.map((u) => ({ id: u.id, name: nameOf(u) })),
          today:
            DateTime.fromJSDate(io.now?.() ?? new Date(), { zone: timeZone }).toISODate() ?? '',
        },
        readFileSync(EXAMPLE, 'utf8'),
      );
      // Never write a file the bot would refuse (a bad --id shows here, with its path).
      parseDepartment(text, file);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text, { flag: values.force === true ? 'w' : 'wx' });
      io.out(
        `Wrote ${file}: "${department.name}" (portal department ${department.id}), head ${nameOf(head ?? { firstName: '', lastName: '', id: department.head })}, ${managers.length} managers in sales mode "active".`,
      );
      io.out(
        'Next: set each manager\'s mode, edit the norms and the plan, then run "standup-bot register-bot" and "standup-bot check-config --portal".',
      );
      return EXIT_OK;
    } finally {
      await portal.close();
    }
  },
};

/** By the flag, or by asking on a terminal; a problem to print otherwise. */
async function chooseDepartment(
  departments: readonly PortalDepartment[],
  wanted: string | undefined,
  io: CliIo,
): Promise<PortalDepartment | string> {
  const tree = departmentTree(departments);
  if (wanted !== undefined) {
    const found = findDepartment(departments, wanted);
    return 'department' in found
      ? found.department
      : `--department: ${found.problem}. The portal's departments:\n${tree.join('\n')}`;
  }
  if (io.input?.isTTY !== true) {
    return `Choose the department with --department <name|id>. The portal's departments:\n${tree.join('\n')}`;
  }
  io.err(`The portal's departments:\n${tree.join('\n')}`);
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = (await io.input.question('Department (id or name): ')).trim();
    const found = findDepartment(departments, answer);
    if ('department' in found) {
      return found.department;
    }
    io.err(found.problem);
  }
  return 'No department chosen.';
}

function nameOf(user: { id: number; firstName: string; lastName: string }): string {
  return fullName(user) || `user ${user.id}`;
}

function zoneOf(flag: string | undefined, headZone: string | undefined): string | undefined {
  if (flag !== undefined) {
    return IANAZone.isValidZone(flag) ? flag : undefined;
  }
  return headZone !== undefined && IANAZone.isValidZone(headZone) ? headZone : 'Europe/Moscow';
}
