import { createInterface } from 'node:readline/promises';
import { createInterface as lineReader } from 'node:readline';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { ConfigError } from './config/config-error.js';
import { checkConfigCommand } from './cli/check-config.js';
import { reportCommand } from './cli/report.js';
import { demoCommand } from './cli/demo.js';
import { emulatorCommand } from './cli/emulator.js';
import { portalCommand } from './cli/portal.js';
import { historyCommand } from './cli/history.js';
import { initCommand } from './cli/init.js';
import { parseAnswerCommand } from './cli/parse-answer.js';
import { registerBotCommand } from './cli/register-bot.js';
import { runCommand } from './cli/run.js';
import { standupCommand } from './cli/standup-now.js';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, type CliIo, type Command } from './cli/command.js';
import { VERSION } from './version.js';

const COMMANDS: readonly Command[] = [
  initCommand,
  checkConfigCommand,
  reportCommand,
  registerBotCommand,
  runCommand,
  standupCommand,
  historyCommand,
  parseAnswerCommand,
  demoCommand,
  emulatorCommand,
  portalCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'standup-bot: the 5-minute standup for a Bitrix24 sales department',
    '',
    'Usage: standup-bot <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "standup-bot <command> --help" for a command\'s options; "standup-bot --version" for the version.',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const rows = [
    ...Object.entries(command.options).map(([name, option]) => ({
      flag: `--${name}${option.short ? `, -${option.short}` : ''}${option.type === 'string' ? ' <value>' : ''}`,
      description: option.description,
    })),
    { flag: '--help, -h', description: 'show this help' },
  ];
  const width = Math.max(...rows.map((row) => row.flag.length));
  return [
    command.summary,
    '',
    `Usage: ${command.usage}`,
    ...(command.details === undefined ? [] : ['', command.details]),
    '',
    'Options:',
    ...rows.map((row) => `  ${row.flag.padEnd(width)}  ${row.description}`),
  ].join('\n');
}

/** Runs one command line and returns its exit code; never calls process.exit itself. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`standup-bot ${VERSION}`);
    return EXIT_OK;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? EXIT_CONFIG : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`Unknown command "${name}".\n\n${usage()}`);
    return EXIT_CONFIG;
  }
  let values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.positionals === true,
      strict: true,
    });
    values =
      command.positionals === true ? { ...parsed.values, _: parsed.positionals } : parsed.values;
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${commandHelp(command)}`);
    return EXIT_CONFIG;
  }
  if (values.help === true) {
    io.out(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(values, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`Configuration error in ${error.message}`);
      return EXIT_CONFIG;
    }
    io.err(`standup-bot ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
}

const isMain =
  process.argv[1] !== undefined && /standup-bot(\.js)?$|cli\.(ts|js)$/.test(process.argv[1]);
if (isMain) {
  loadDotenv({ quiet: true });
  const code = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    input: {
      isTTY: process.stdin.isTTY === true,
      question: async (prompt) => {
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        try {
          return await rl.question(prompt);
        } finally {
          rl.close();
        }
      },
    },
    stdin: () => lineReader({ input: process.stdin, crlfDelay: Infinity }),
  });
  process.exitCode = code;
  // A command has returned: whatever still holds the event loop (a socket to a portal that
  // hangs, a pause timer) must not keep the process alive. Output is flushed by then.
  setTimeout(() => process.exit(code), 1_000).unref();
}
