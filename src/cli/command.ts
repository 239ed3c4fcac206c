import type { ParseArgsConfig } from 'node:util';

/** What a command prints to and reads from; injected so tests capture output without spawning. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** The terminal, for a command that may ask (init); absent or not a TTY in scripts. */
  input?: CliInput;
  /** Standard input, line by line (commands that read it: parse-answer). */
  stdin?: () => AsyncIterable<string>;
  /** The clock, where a command's output depends on the date (init); the system's by default. */
  now?: () => Date;
}

export interface CliInput {
  isTTY: boolean;
  /** Shows the prompt (on standard error) and returns the line typed. */
  question(prompt: string): Promise<string>;
}

type ParseArgsOption = NonNullable<ParseArgsConfig['options']>[string];

/** A command-line option: parseArgs' definition plus the line --help shows for it. */
export type CommandOption = ParseArgsOption & { description: string };

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** More about the options and the input, printed by --help after the usage. */
  details?: string;
  /** Every option says in one line what it does (--help prints it). */
  options: Record<string, CommandOption>;
  /** Takes words after the command (e.g. `portal add <domain>`); they arrive as `values._`. */
  positionals?: boolean;
  /** Returns the exit code. */
  run(
    values: Record<string, string | boolean | string[] | boolean[] | undefined>,
    io: CliIo,
  ): Promise<number>;
}

/** Exit codes: 0 success, 1 runtime failure, 2 bad configuration or usage. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_CONFIG = 2;
