import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli.js';

async function run(args: string[], lines: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['parse-answer', ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env,

    stdin: async function* () {
      yield* lines;
    },
  });
  return { code, out, err };
}

const EXAMPLE = ['--config', 'config/department.example.yaml'];

describe('standup-bot parse-answer', () => {
  it('prints one JSON object per answer, the same reading the conversation makes', async () => {
    const { code, out } = await run(
      [...EXAMPLE, '--json', '--today', '2026-11-24'],
      [
        'Болел, сделаю 50 звонков до пятницы',
        '',
        'Спасибо!',
        '"Причина: отпуск\\nПлан: 40 звонков\\nСрок: к субботе"',
        'Сегодня и завтра навёрстываю звонки, догоню до среды.',
      ],
    );
    expect(code).toBe(0);
    expect(out.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        reason: 'Болел',
        plan: 'сделаю 50 звонков до пятницы',
        deadline: '2026-11-27',
        missing: [],
      },
      { reason: null, plan: null, deadline: null, missing: ['reason', 'plan', 'deadline'] },
      { reason: 'отпуск', plan: '40 звонков', deadline: '2026-11-30', missing: [] },
      {
        reason: null,
        plan: 'Сегодня и завтра навёрстываю звонки, догоню до среды',
        deadline: '2026-11-25',
        missing: ['reason'],
      },
    ]);
  });

  it("uses the department's calendar and deadline limit", async () => {
    const { out } = await run(
      [...EXAMPLE, '--json', '--today', '2026-12-22'],
      ['до 31 декабря', 'к 25 января'],
    );
    // 31 Dec is an extra day off in the example, 1-2 Jan public holidays, 3 Jan a Sunday.
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ deadline: '2027-01-04' });
    expect(JSON.parse(out[1] ?? '')).toMatchObject({
      deadline: null,
      missing: ['reason', 'plan', 'deadline'],
    });
  });

  it('explains its reading in plain words, in either language', async () => {
    const ru = await run([...EXAMPLE, '--today', '2026-11-24'], ['к субботе', 'а какая норма?']);
    expect(ru.out.join('\n')).toContain('Срок: пн 30.11 (названо сб 28.11 — выходной');
    expect(ru.out.join('\n')).toContain('Вопрос к боту');
    const en = await run([...EXAMPLE, '--today', '2026-11-24', '--lang', 'en'], ['Was sick']);
    expect(en.out.join('\n')).toContain('Reason: Was sick');
    expect(en.out.join('\n')).toContain('Missing: the plan, the deadline');
  });

  it('works without a department file, saying what it assumed', async () => {
    const { code, out, err } = await run(['--json', '--today', '2026-11-24'], ['к пятнице'], {
      DEPARTMENT_FILE: 'no/such/department.yaml',
    });
    expect(code).toBe(0);
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ deadline: '2026-11-27' });
    expect(err.join('\n')).toContain('Monday to Friday');
  });

  it('refuses bad options and reports a broken JSON line, going on with the rest', async () => {
    expect((await run(['--lang', 'de'], [])).code).toBe(2);
    expect((await run(['--today', '24.11.2026'], [])).code).toBe(2);
    const broken = await run(
      [...EXAMPLE, '--json', '--today', '2026-11-24'],
      ['"unclosed', 'к пятнице'],
    );
    expect(broken.code).toBe(1);
    expect(broken.err.join('\n')).toContain('line 1');
    expect(broken.out).toHaveLength(1);
  });

  it('lists every option in --help', async () => {
    const { code, out } = await run(['--help'], []);
    expect(code).toBe(0);
    for (const option of ['--json', '--today', '--lang', '--config']) {
      expect(out.join('\n')).toContain(option);
    }
  });
});
