import type { ParseArgsConfig } from 'node:util';

/** What a command prints to and reads from; injected so tests capture output without spawning. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Standard input, line by line (commands that read it: parse-answer). */
  stdin?: () => AsyncIterable<string>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** More about the options and the input, printed by --help after the usage. */
  details?: string;
  options: NonNullable<ParseArgsConfig['options']>;
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
