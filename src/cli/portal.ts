import { readFileSync } from 'node:fs';
import { createPortalRegistry, type PortalRegistry } from '../app/portal-registry.js';
import { createTokenCipher } from '../app/token-cipher.js';
import { ConfigError } from '../config/config-error.js';
import { resolveAppMode } from '../config/env-schema.js';
import { loadDepartment, parseEnv } from '../config/load-config.js';
import { closeRedis, connectRedis } from '../lib/connect-redis.js';
import { EXIT_CONFIG, EXIT_OK, type CliIo, type Command } from './command.js';

const USAGE = [
  'standup-bot portal add <domain> --config <department.yaml>',
  'standup-bot portal list',
  'standup-bot portal remove <domain> [--department <id>]',
].join('\n       ');

export const portalCommand: Command = {
  name: 'portal',
  summary:
    'Application mode: the portals the application is installed on and their department files (add, list, remove)',
  usage: USAGE,
  details: [
    'A portal appears when the application is installed on it (the install handler keeps its',
    'tokens, encrypted). `add` gives it a department file, checked as check-config checks one',
    '(a second file with another department id adds a department; the same id replaces it).',
    '`list` prints one line per portal: domain, when installed, its departments; no secrets.',
    '`remove` forgets a portal and every key of it (or, with --department, one department file).',
  ].join('\n'),
  positionals: true,
  options: {
    config: {
      type: 'string',
      short: 'c',
      description: 'add: the department file to give the portal',
    },
    department: {
      type: 'string',
      description: 'remove: only this department (its id in the file) instead of the whole portal',
    },
  },
  async run(values, io) {
    const [action, domain, ...extra] = (values._ as string[] | undefined) ?? [];
    const wantsDomain = action === 'add' || action === 'remove';
    if (
      !['add', 'list', 'remove'].includes(action ?? '') ||
      (wantsDomain && domain === undefined) ||
      extra.length > 0 ||
      (action === 'list' && domain !== undefined)
    ) {
      io.err(`Usage: ${USAGE}`);
      return EXIT_CONFIG;
    }
    if (action === 'add' && values.config === undefined) {
      io.err('portal add needs --config <department.yaml>');
      return EXIT_CONFIG;
    }
    // The file first: a bad file is explained before anything connects.
    const file = values.config as string | undefined;
    let text = '';
    const department =
      action === 'add' && file !== undefined
        ? loadDepartment(file, (path) => (text = readFileSync(path, 'utf8')))
        : undefined;
    const env = parseEnv(io.env);
    const app = resolveAppMode(env);
    if (app === undefined) {
      throw new ConfigError('environment', [
        {
          path: 'APP_PUBLIC_URL',
          message:
            'portal commands are for application mode: set APP_PUBLIC_URL, BITRIX_CLIENT_ID, BITRIX_CLIENT_SECRET and APP_TOKEN_KEY',
        },
      ]);
    }
    const redis = await connectRedis(env.REDIS_URL, { maxRetriesPerRequest: 3 });
    try {
      const registry = createPortalRegistry({
        redis,
        keyPrefix: `${env.REDIS_PREFIX}:`,
        cipher: createTokenCipher(app.tokenKey),
      });
      if (action === 'list') {
        return await list(registry, io);
      }
      const portal = await registry.findByDomain(domain ?? '');
      if (portal === undefined) {
        io.err(
          `The application is not installed on ${domain ?? ''}: install it there first (its install handler is ${app.publicUrl}/install); "portal list" shows the installed portals.`,
        );
        return EXIT_CONFIG;
      }
      if (department !== undefined && file !== undefined) {
        const replaced = portal.departments.includes(department.id);
        await registry.addDepartment(portal.memberId, department.id, text);
        io.out(
          `${portal.domain}: department "${department.id}" (${department.name}, ${department.managers.length} managers) ${replaced ? 'replaced' : 'added'}.`,
        );
        return EXIT_OK;
      }
      const only = values.department as string | undefined;
      if (only !== undefined) {
        if (!(await registry.removeDepartment(portal.memberId, only))) {
          io.err(
            `${portal.domain} has no department "${only}" (it has: ${portal.departments.join(', ') || 'none'}).`,
          );
          return EXIT_CONFIG;
        }
        io.out(`${portal.domain}: department "${only}" removed.`);
        return EXIT_OK;
      }
      await registry.remove(portal.memberId);
      io.out(
        `${portal.domain} removed with every key of it; the application stays installed there until it is uninstalled on the portal.`,
      );
      return EXIT_OK;
    } finally {
      await closeRedis(redis);
    }
  },
};

async function list(registry: PortalRegistry, io: CliIo): Promise<number> {
  const portals = await registry.list();
  if (portals.length === 0) {
    io.err('No portal has the application installed yet.');
  }
  for (const portal of portals) {
    io.out(
      `${portal.domain}\tinstalled ${portal.installedAt}\tdepartments: ${portal.departments.join(', ') || '(none: portal add <domain> --config <file>)'}`,
    );
  }
  return EXIT_OK;
}
