import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { VERSION } from '../../../src/version.js';

function io() {
  const out: string[] = [];
  return { out, io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t), env: {} } };
}

describe('the command line explains itself', () => {
  it('--version prints the package version', async () => {
    const { out, io: cli } = io();
    expect(await runCli(['--version'], cli)).toBe(0);
    expect(out).toEqual([`standup-bot ${VERSION}`]);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    'init',
    'check-config',
    'report',
    'register-bot',
    'run',
    'standup',
    'history',
    'parse-answer',
    'demo',
    'emulator',
  ])('%s --help gives every option a one-line description', async (command) => {
    const { out, io: cli } = io();
    expect(await runCli([command, '--help'], cli)).toBe(0);
    const options = out.join('\n').split('Options:\n')[1]?.split('\n') ?? [];
    expect(options.length).toBeGreaterThan(1);
    for (const line of options) {
      expect(line, line).toMatch(/^ {2}-\S.*\S {2,}\S/);
    }
  });
});
