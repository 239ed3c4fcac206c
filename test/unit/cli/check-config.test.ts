import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { describeDepartment } from '../../../src/cli/check-config.js';
import { loadDepartment } from '../../../src/config/load-config.js';

function io(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env },
    out,
    err,
  };
}

describe('standup-bot check-config', () => {
  it('prints the summary of the example and exits 0', async () => {
    const { io: cliIo, out } = io();
    const code = await runCli(
      ['check-config', '--config', 'config/department.example.yaml'],
      cliIo,
    );
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('Time zone: Europe/Moscow');
    expect(text).toContain('Иван Петров (user 11), active');
    expect(text).toContain('calls_outgoing: half_day 20, day 40, week 200');
    expect(text).toContain('calls_outgoing: half_day 20, day 30, week 200'); // Oleg's personal norm wins
    expect(text).toContain('2026-11: amount 8000000 / 10000000 / 12000000');
    expect(text).toContain('Configuration is valid.');
  });

  it('shows the next three standups, skipping days off', () => {
    const dept = loadDepartment('config/department.example.yaml');
    const text = describeDepartment(dept, new Date('2026-12-30T12:00:00+03:00'));
    // 31 Dec is an extra day off in the file, 1 and 2 Jan are public holidays, 3 Jan a Sunday.
    expect(text).toContain(
      'Next standups:\n  Mon 2027-01-04 08:45 +03:00\n  Tue 2027-01-05 08:45 +03:00\n  Wed 2027-01-06 08:45 +03:00',
    );
  });

  it('exits 2 and names every broken path', async () => {
    const { io: cliIo, err, out } = io();
    const code = await runCli(
      ['check-config', '--config', 'test/fixtures/config/broken.yaml'],
      cliIo,
    );
    expect(code).toBe(2);
    expect(out).toEqual([]);
    const text = err.join('\n');
    for (const path of [
      'department.timezone',
      'head.user_id',
      'managers[0].calss',
      'managers[3].norms.calls_outgoing.day',
    ]) {
      expect(text).toContain(`${path}: `);
    }
  });

  it('exits 2 on a broken environment before reading the file', async () => {
    const { io: cliIo, err } = io({ BITRIX_RATE_BURST: 'zero' });
    expect(
      await runCli(['check-config', '--config', 'config/department.example.yaml'], cliIo),
    ).toBe(2);
    expect(err.join()).toContain('environment: 1 problem(s)');
  });

  it('answers --help for the command and refuses unknown options', async () => {
    const help = io();
    expect(await runCli(['check-config', '--help'], help.io)).toBe(0);
    expect(help.out.join()).toContain('Usage: standup-bot check-config');
    const bad = io();
    expect(await runCli(['check-config', '--confg', 'x'], bad.io)).toBe(2);
    expect(bad.err.join()).toContain("Unknown option '--confg'");
    const unknown = io();
    expect(await runCli(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.err.join()).toContain('Unknown command "frobnicate"');
  });
});
