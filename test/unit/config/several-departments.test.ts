import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { ConfigError, loadConfig, loadDepartments } from '../../../src/config/load-config.js';

const EXAMPLE = readFileSync('config/department.example.yaml', 'utf8');
const root = mkdtempSync(join(tmpdir(), 'departments-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The example as another department: its id, zone, head and managers 11..14 renumbered. */
function department(id: string, zone: string, head: number, managerBase: number): string {
  return EXAMPLE.replace('id: sales-msk', `id: ${id}`)
    .replace('timezone: Europe/Moscow', `timezone: ${zone}`)
    .replace('user_id: 1 #', `user_id: ${head} #`)
    .replace(/user_id: 1([1-4])\b/g, (_m, d: string) => `user_id: ${managerBase + Number(d)}`);
}

function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {} },
    out,
    err,
  };
}

describe('several departments in one deployment', () => {
  const good = folder('good', {
    'msk.yaml': department('sales-msk', 'Europe/Moscow', 1, 10),
    'spb.yaml': department('sales-spb', 'Asia/Yekaterinburg', 2, 20),
    'README.md': 'not a department',
    'department.example.yaml': EXAMPLE,
  });

  it('loads every *.yaml of a folder, by name, leaving out the example', () => {
    const loaded = loadDepartments(good);
    expect(
      loaded.map((d) => [d.department.id, d.department.timeZone, d.department.head.userId]),
    ).toEqual([
      ['sales-msk', 'Europe/Moscow', 1],
      ['sales-spb', 'Asia/Yekaterinburg', 2],
    ]);
    expect(loaded[1]?.department.managers.map((m) => m.userId)).toEqual([21, 22, 23, 24]);
  });

  it('takes a comma-separated list, and keeps a single file as it was', () => {
    const list = `${join(good, 'spb.yaml')}, ${join(good, 'msk.yaml')}`;
    const config = loadConfig({ env: { DEPARTMENT_FILE: list } });
    expect(config.departments.map((d) => d.department.id)).toEqual(['sales-spb', 'sales-msk']);
    expect(config.department.id).toBe('sales-spb');
    const single = loadConfig({ env: { DEPARTMENT_FILE: 'config/department.example.yaml' } });
    expect(single.departments).toHaveLength(1);
    expect(single.departmentFile).toBe('config/department.example.yaml');
  });

  it('refuses a manager in two departments, naming both files and the user', () => {
    const dir = folder('twice', {
      'a.yaml': department('sales-a', 'Europe/Moscow', 1, 10),
      'b.yaml': department('sales-b', 'Europe/Moscow', 2, 10).replace(
        /user_id: 12\b/,
        'user_id: 32',
      ),
    });
    let error: unknown;
    try {
      loadDepartments(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    // 11, 13 and 14 are in both; 12 moved to 32 in b.
    expect(problems.map((p) => p.path)).toEqual([
      `${join(dir, 'b.yaml')}: managers[0].user_id`,
      `${join(dir, 'b.yaml')}: managers[2].user_id`,
      `${join(dir, 'b.yaml')}: managers[3].user_id`,
    ]);
    expect(problems[0]?.message).toBe(
      `user 11 is a manager in ${join(dir, 'a.yaml')} (managers[0]) and in ${join(dir, 'b.yaml')}; a user may be a manager in one department only`,
    );
  });

  it('refuses two departments with one id, and names a broken file with its path', () => {
    const dir = folder('same-id', {
      'a.yaml': department('sales', 'Europe/Moscow', 1, 10),
      'b.yaml': department('sales', 'Europe/Moscow', 2, 20),
      'c.yaml': department('sales-c', 'Mars/Olympus', 3, 30),
    });
    const error = (() => {
      try {
        loadDepartments(dir);
      } catch (caught) {
        return caught as ConfigError;
      }
      return undefined;
    })();
    expect(error?.problems.map((p) => p.path)).toEqual([
      `${join(dir, 'c.yaml')}: department.timezone`,
      `${join(dir, 'b.yaml')}: department.id`,
    ]);
    expect(error?.problems[1]?.message).toContain(`is also the id of ${join(dir, 'a.yaml')}`);
  });

  it('check-config describes each department, or exits 2 saying who is in two', async () => {
    const ok = io();
    expect(await runCli(['check-config', '--config', good], ok.io)).toBe(0);
    const text = ok.out.join('\n');
    expect(text).toContain('Departments (2): sales-msk');
    expect(text).toContain('Time zone: Asia/Yekaterinburg');
    expect(text).toContain('Head: Анна Соколова (user 2)');
    const bad = io();
    expect(await runCli(['check-config', '--config', join(root, 'twice')], bad.io)).toBe(2);
    expect(bad.err.join('\n')).toContain('user 11 is a manager in');
  });

  it('a command about one department wants --department when there are several', async () => {
    const run = io();
    expect(
      await runCli(
        ['history', '--from', '2026-11-01', '--to', '2026-11-02', '--config', good],
        run.io,
      ),
    ).toBe(2);
    expect(run.err.join()).toContain(
      'this deployment has 2 departments (sales-msk, sales-spb): name one',
    );
    const wrong = io();
    expect(
      await runCli(['standup', '--now', '--config', good, '--department', 'sales-nsk'], wrong.io),
    ).toBe(2);
    expect(wrong.err.join()).toContain(
      'no department "sales-nsk": expected one of sales-msk, sales-spb',
    );
  });
});
