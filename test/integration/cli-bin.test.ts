import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The package's bin, as `npx standup-bot` runs it: a real process, real exit codes. */
async function standupBot(args: string[]) {
  try {
    const { stdout, stderr } = await run('node', ['bin/standup-bot.js', ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the standup-bot binary', () => {
  it('checks the example configuration', async () => {
    const result = await standupBot(['check-config', '--config', 'config/department.example.yaml']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Configuration is valid.');
  });

  it('exits 2 on a broken file and lists all four problems', async () => {
    const result = await standupBot([
      'check-config',
      '--config',
      'test/fixtures/config/broken.yaml',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr.match(/^ {2}\S/gm)).toHaveLength(4);
  });

  it('prints its commands on --help', async () => {
    const result = await standupBot(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('check-config');
  });
});
