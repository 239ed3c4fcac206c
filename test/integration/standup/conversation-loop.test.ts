import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateConversation } from '../../../src/emulator/portal-state.js';
import type { TranscriptEntry } from '../../../src/emulator/control.js';
import { standupSlot } from '../../../src/domain/standup-slot.js';
import { handleTimer } from '../../../src/standup/handle-timer.js';
import { processEvent } from '../../../src/standup/process-event.js';
import { runStandup } from '../../../src/standup/run-standup.js';
import { startStandupLoop, type StandupLoop } from '../../helpers/standup-loop.js';
import { parseLocalTime } from '../../../src/domain/department/local-time.js';

const HEAD = 1;
const [CALLS, MEETINGS, SILENT, FINE] = [14, 15, 16, 11];
const DAY = '2026-11-24';

let loop: StandupLoop;
const dialog = (userId: number) =>
  loop.emulator.control.transcript(privateConversation(userId, loop.botId));
const fromBot = (userId: number) => dialog(userId).filter((m) => m.authorId === loop.botId);
const lastFromBot = (userId: number): TranscriptEntry | undefined => fromBot(userId).at(-1);
const write = async (userId: number, text: string) => {
  loop.emulator.control.userWrites({ fromUserId: userId, to: loop.botId, text });
  await loop.poller.pollOnce();
};
const pressOn = async (userId: number, message: TranscriptEntry | undefined, button: string) => {
  loop.emulator.control.userPresses({ fromUserId: userId, messageId: message?.id ?? 0, button });
  await loop.poller.pollOnce();
};
const conv = async (managerId: number) =>
  (await loop.store.conversations.get(`sales-demo-20261124-${managerId}`))?.value;
const headCardOf = (name: string) =>
  fromBot(HEAD)
    .filter((m) => m.text.includes(name) && m.buttons.length > 0)
    .at(-1);
const addCalls = (managerId: number, day: string, count: number) => {
  for (let i = 0; i < count; i++) {
    const t = Date.parse(`${day}T10:00:00+03:00`) + i * 60_000;
    loop.emulator.control.addActivity({
      TYPE_ID: 2,
      DIRECTION: 2,
      COMPLETED: true,
      RESPONSIBLE_ID: managerId,
      START_TIME: t,
      CREATED: t,
      PROVIDER_ID: 'VOXIMPLANT_CALL',
      OWNER_TYPE_ID: 3,
      OWNER_ID: 1,
    });
  }
};

beforeAll(async () => {
  loop = await startStandupLoop({ seed: 9, managers: 8 });
  expect(loop.generated.truth.lags.map((l) => [l.managerId, l.metric])).toEqual([
    [CALLS, 'calls_outgoing'],
    [MEETINGS, 'meetings'],
    [SILENT, 'overdue_activities'],
  ]);
}, 60_000);
afterAll(async () => loop.close());

describe('the standup conversation, end to end on the emulator and Redis', () => {
  it('asks exactly the laggards, once each, and sends the head one digest', async () => {
    const outcome = await runStandup(
      loop.deps,
      standupSlot(loop.generated.department, DAY, parseLocalTime('08:45')),
    );
    expect(outcome).toMatchObject({ laggards: 3, questionsSent: 3, resumed: false });
    for (const id of [CALLS, MEETINGS, SILENT]) {
      expect(fromBot(id)).toHaveLength(1);
      expect(fromBot(id)[0]?.text).toContain('1) причину, 2) что сделаете, 3) к какому сроку');
    }
    expect(fromBot(CALLS)[0]?.text).toContain('Исходящие звонки за 23.11');
    for (const id of [11, 12, 13, 17, 18]) {
      expect(fromBot(id)).toEqual([]);
    }
    const digest = fromBot(HEAD);
    expect(digest).toHaveLength(1);
    expect(digest[0]?.text).toContain('Спрашиваю причину и план');
    expect(digest[0]?.text).toContain('Общие темы для планёрки');
    expect(loop.timers.filter((t) => t.timer === 'reminder')).toHaveLength(3);
    expect(loop.timers.filter((t) => t.timer === 'escalation')).toEqual([
      { targetId: 'sales-demo-20261124', timer: 'escalation', at: '2026-11-24T09:35:00+03:00' },
    ]);
  });

  it('a restarted process runs the same standup again and sends nothing new', async () => {
    const before = loop.emulator.control.transcript().length;
    const outcome = await runStandup(
      loop.restart(),
      standupSlot(loop.generated.department, DAY, parseLocalTime('08:45')),
    );
    expect(outcome).toMatchObject({ resumed: true, questionsSent: 0 });
    expect(loop.emulator.control.transcript()).toHaveLength(before);
  });

  it('one message with everything: the plan reaches the head with buttons', async () => {
    await write(
      CALLS,
      'Причина: весь день был на выезде. План: сделаю по 25 звонков в день. Срок: завтра',
    );
    expect(lastFromBot(CALLS)?.text).toContain('Ваш план отправлен руководителю');
    const card = headCardOf(
      loop.generated.department.managers.find((m) => m.userId === CALLS)?.name ?? '',
    );
    expect(card?.buttons.map((b) => b.command)).toEqual(['/approve', '/correct', '/discuss']);
    expect((await conv(CALLS))?.phase).toBe('answered');
  });

  it('step by step, with the deadline button', async () => {
    await write(MEETINGS, 'Клиенты перенесли встречи');
    expect(lastFromBot(MEETINGS)?.text).toContain('Что сделаете');
    await write(MEETINGS, 'Назначу 4 встречи');
    await pressOn(MEETINGS, lastFromBot(MEETINGS), 'Завтра');
    expect(await conv(MEETINGS)).toMatchObject({
      phase: 'answered',
      answer: {
        reason: 'Клиенты перенесли встречи',
        plan: 'Назначу 4 встречи',
        deadline: '2026-11-25',
      },
    });
  });

  it('refuses a manager pressing Approve or answering someone else, and changes nothing', async () => {
    const before = await loop.store.conversations.get(`sales-demo-20261124-${CALLS}`);
    await write(FINE, `/approve sales-demo-20261124-${CALLS}`);
    expect(lastFromBot(FINE)?.text).toContain('может только руководитель');
    await write(FINE, 'Причина: я отвечу за коллегу');
    expect(lastFromBot(FINE)?.text).toContain('Сейчас вопросов к вам нет');
    expect(await loop.store.conversations.get(`sales-demo-20261124-${CALLS}`)).toEqual(before);
  });

  it('the head approves one with a tap and corrects another, who accepts', async () => {
    const names = new Map(loop.generated.department.managers.map((m) => [m.userId, m.name]));
    await pressOn(HEAD, headCardOf(names.get(CALLS) ?? ''), 'Утвердить');
    expect(await conv(CALLS)).toMatchObject({ phase: 'approved', decision: { kind: 'approved' } });
    expect(lastFromBot(CALLS)?.text).toContain('Руководитель утвердил ваш план');
    await pressOn(HEAD, headCardOf(names.get(MEETINGS) ?? ''), 'Поправить');
    expect(lastFromBot(HEAD)?.text).toContain('что поправить');
    await write(HEAD, 'Не 4, а 6 встреч, и отчёт в пятницу');
    expect(lastFromBot(MEETINGS)?.text).toContain('«Не 4, а 6 встреч, и отчёт в пятницу»');
    await pressOn(MEETINGS, lastFromBot(MEETINGS), 'Принять');
    expect(await conv(MEETINGS)).toMatchObject({
      phase: 'approved',
      decision: { kind: 'approved_with_correction' },
    });
    // The portal says who is a man or a woman: the words agree.
    const female = loop.generated.profiles.find((p) => p.id === MEETINGS)?.gender === 'F';
    expect(lastFromBot(HEAD)?.text).toBe(
      `${names.get(MEETINGS)} ${female ? 'приняла' : 'принял'} вашу правку. План утверждён с правкой.`,
    );
    const card = fromBot(HEAD).find(
      (m) => m.text.includes(names.get(MEETINGS) ?? '?') && m.text.includes('Причина'),
    );
    expect(card?.text).toContain('Утверждено с правкой');
    expect((await conv(MEETINGS))?.steps.map((step) => step.kind)).toEqual([
      'submitted',
      'correction_requested',
      'correction_accepted',
    ]);
    expect(loop.timers.filter((t) => t.timer === 'deadline').map((t) => t.at)).toEqual([
      '2026-11-25T18:00:00+03:00',
      '2026-11-25T18:00:00+03:00',
    ]);
  });

  it('processes an event delivered twice only once', async () => {
    loop.emulator.control.userWrites({ fromUserId: SILENT, to: loop.botId, text: '👍' });
    await loop.poller.pollOnce();
    const replies = fromBot(SILENT).length;
    const event = {
      eventId: 999_999,
      type: 'ONIMBOTV2MESSAGEADD',
      date: '2026-11-24T10:00:00+03:00',
      data: {},
    };
    await expect(processEvent(loop.deps, event)).rejects.toThrow(/malformed/);
    const [stored] = await loop.store.inbox.pending(1);
    expect(stored).toBeUndefined();
    // Re-deliver the last real event to the same conversation: nothing new.
    const last = (await conv(SILENT))?.processedEvents.at(-1) ?? 0;
    const state = await conv(SILENT);
    await processEvent(loop.deps, {
      eventId: last,
      type: 'ONIMBOTV2MESSAGEADD',
      date: '',
      data: {
        message: {
          id: state?.processedMessages.at(-1) ?? 0,
          authorId: SILENT,
          date: '2026-11-24T10:00:00+03:00',
          text: '👍',
        },
        chat: { id: 1, dialogId: String(SILENT) },
        user: { id: SILENT, name: 'x' },
      },
    });
    expect(fromBot(SILENT)).toHaveLength(replies);
  });

  it('reminds the silent once, escalates to the head, and still accepts the late answer', async () => {
    const reminder = loop.timers.find(
      (t) => t.timer === 'reminder' && t.targetId.endsWith(`-${SILENT}`),
    );
    await handleTimer(loop.deps, {
      targetId: reminder?.targetId ?? '',
      timer: 'reminder',
      at: reminder?.at ?? '',
    });
    await handleTimer(loop.deps, {
      targetId: reminder?.targetId ?? '',
      timer: 'reminder',
      at: reminder?.at ?? '',
    });
    expect(fromBot(SILENT).filter((m) => m.text.includes('напоминаю'))).toHaveLength(1);
    await handleTimer(loop.deps, {
      targetId: 'sales-demo-20261124',
      timer: 'escalation',
      at: '2026-11-24T09:35:00+03:00',
    });
    await handleTimer(loop.deps, {
      targetId: 'sales-demo-20261124',
      timer: 'escalation',
      at: '2026-11-24T09:35:00+03:00',
    });
    const escalations = fromBot(HEAD).filter((m) => m.text.includes('К планёрке не ответили'));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.text).toContain(
      loop.generated.department.managers.find((m) => m.userId === SILENT)?.name ?? '?',
    );
    await write(
      SILENT,
      'Причина: не успел закрыть дела. План: закрою все просроченные. Срок: сегодня',
    );
    expect(await conv(SILENT)).toMatchObject({ phase: 'answered', late: true });
    expect(lastFromBot(HEAD)?.text).toContain('(ответ после срока)');
  });

  it('"ок все" approves every plan waiting for the head in one message', async () => {
    await write(HEAD, 'ок все');
    expect((await conv(SILENT))?.phase).toBe('approved');
    const name = loop.generated.department.managers.find((m) => m.userId === SILENT)?.name;
    expect(lastFromBot(HEAD)?.text).toBe(`Утверждены планы: ${name ?? '?'}.`);
    expect(await loop.store.headActions('sales-demo-20261124')).toBe(4); // approve, correct, the words, "ок все"
  });

  it('checks at the deadline: held when the figures caught up, not held otherwise', async () => {
    addCalls(CALLS, '2026-11-24', 25);
    addCalls(CALLS, '2026-11-25', 25);
    loop.clock.set(new Date('2026-11-25T18:00:00+03:00'));
    for (const id of [CALLS, MEETINGS]) {
      await handleTimer(loop.deps, {
        targetId: `sales-demo-20261124-${id}`,
        timer: 'deadline',
        at: '2026-11-25T18:00:00+03:00',
      });
    }
    expect((await conv(CALLS))?.phase).toBe('held');
    expect(lastFromBot(CALLS)?.text).toContain('Цифры в норме');
    expect((await conv(MEETINGS))?.phase).toBe('not_held');
    expect(fromBot(HEAD).filter((m) => m.text.includes('план [b]не выполнен[/b]'))).toHaveLength(1);
    const history = await loop.store.history.range('2026-11-24', '2026-11-24');
    expect(history.map((h) => [h.managerId, h.outcome, h.decision])).toEqual(
      expect.arrayContaining([
        [CALLS, 'held', 'approved'],
        [MEETINGS, 'not_held', 'approved_with_correction'],
        [SILENT, 'open', 'approved'],
      ]),
    );
    expect(await loop.store.openIds()).toEqual([`sales-demo-20261124-${SILENT}`]);
  });
});
