import { DateTime } from 'luxon';
import { privateConversation } from '../emulator/portal-state.js';
import type { TranscriptEntry } from '../emulator/control.js';
import { standupSlot } from '../domain/standup-slot.js';
import type { Conversation } from '../domain/standup/conversation-schema.js';
import { createChatPrinter, type ChatPrinter } from './chat-printer.js';
import { createDemoWorld, type DemoWorld } from './demo-world.js';
import { atLocalTime } from '../domain/department/local-time.js';
import { parseLocalTime } from '../domain/department/local-time.js';
import { lastWorkingDayOfMonth } from '../domain/month/month-days.js';
import { weekCardAt, weekMeeting } from './demo-week.js';

export interface DemoSummary {
  day: string;
  managers: number;
  lagging: number;
  questionsSent: number;
  answers: number;
  approved: number;
  corrected: number;
  discussed: number;
  held: number;
  notHeld: number;
  headActions: number;
  httpRequests: number;
  standupRequests: number;
  seconds: number;
  /** The Redis key prefix the demo used (and emptied before it exited). */
  redisPrefix: string;
  /** Deadline checks the head was told of in the chat (the printed chat shows each). */
  checksToldHead: number;
  /** Large deals standing still that the morning digest named (the fresh one is left out). */
  largeDealsInDigest: number;
  /** The month's card reached the head, and next month's plan was approved on it. */
  monthCardSent: boolean;
  monthPlanApproved: boolean;
  /** The weekly meeting's card (its GRID table and issue buttons) reached the head. */
  weekCardSent: boolean;
}

const HEAD = 1;

/** Waits until `check` holds, or fails naming what it waited for. */
async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`the demo waited in vain for: ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits until the bot has nothing left to do, judged by its state rather than by a quiet
 * moment (a slow machine can be quiet while a job is still sending): no pending event, no job
 * waiting or running, every outbox of the day empty, and no new message since the last look.
 */
async function settle(world: DemoWorld): Promise<void> {
  let last = -1;
  await until('the bot to settle', async () => {
    const now =
      world.emulator.control.transcript().length + world.emulator.control.stats().requests;
    const counts = await world.runtime.queue.counts();
    const record = (await world.store.standups.get(standupOf(world)))?.value;
    const docs = await world.store.conversations.getMany(record?.conversationIds ?? []);
    const idle =
      (await world.store.inbox.pendingCount()) === 0 &&
      (counts.active ?? 0) + (counts.waiting ?? 0) === 0 &&
      (record?.outbox.length ?? 0) === 0 &&
      docs.every((doc) => (doc?.value.outbox.length ?? 0) === 0) &&
      now === last;
    last = now;
    if (!idle) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return idle;
  });
}

/**
 * The whole loop in one command, on the built-in emulator: the standup runs, managers answer in
 * every style, the head approves, corrects and sends one plan to the meeting, a silent manager
 * is reminded and escalated and answers late, then the clocks jump to the deadline and the
 * check reports held and not held, then to the weekly meeting's card and the month's results. Returns the summary; prints the chat unless `quiet`.
 */
export async function runDemo(options: {
  quiet: boolean;
  color: boolean;
  write: (line: string) => void;
}): Promise<DemoSummary> {
  const started = Date.now();
  const progress = options.quiet
    ? undefined
    : (done: number, total: number) => process.stdout.write(`\r  Собираю цифры: ${done}/${total}`);
  const world = await createDemoWorld(progress);
  try {
    return await play(world, options, started);
  } finally {
    await world.close();
  }
}

async function play(
  world: DemoWorld,
  options: { quiet: boolean; color: boolean; write: (line: string) => void },
  started: number,
): Promise<DemoSummary> {
  const { emulator, store, botId, generated } = world;
  const dept = generated.department;
  const names = new Map<number, string>([
    [HEAD, `${dept.head.name} (руководитель)`],
    ...dept.managers.map((m) => [m.userId, m.name] as const),
  ]);
  const printer: ChatPrinter = options.quiet
    ? { flush: () => undefined, note: () => undefined }
    : createChatPrinter(emulator.control, botId, names, options.write, options.color);
  const standupId = standupSlot(dept, world.day, parseLocalTime('08:45')).standupId;
  const conv = async (managerId: number): Promise<Conversation | undefined> =>
    (await store.conversations.get(`${standupId}-${managerId}`))?.value;
  const lastFromBot = (userId: number): TranscriptEntry | undefined =>
    emulator.control
      .transcript(privateConversation(userId, botId))
      .filter((m) => m.authorId === botId)
      .at(-1);
  const botMessages = () =>
    emulator.control.transcript().filter((m) => m.authorId === botId).length;
  const write = async (userId: number, text: string) => {
    const before = botMessages();
    emulator.control.userWrites({ fromUserId: userId, to: botId, text });
    await until(`the bot's answer to ${names.get(userId) ?? userId}`, () => botMessages() > before);
    await settle(world);
    printer.flush();
  };
  const press = async (userId: number, message: TranscriptEntry | undefined, button: string) => {
    const before = botMessages();
    emulator.control.userPresses({ fromUserId: userId, messageId: message?.id ?? 0, button });
    printer.note(`${names.get(userId) ?? userId} нажимает «${button}»`);
    await until(`the bot's answer to «${button}»`, () => botMessages() > before);
    await settle(world);
    printer.flush();
  };
  const card = (managerId: number) =>
    emulator.control
      .transcript(privateConversation(HEAD, botId))
      .filter(
        (m) =>
          m.authorId === botId &&
          m.buttons.length > 0 &&
          m.text.includes(names.get(managerId) ?? '?'),
      )
      .at(-1);

  printer.note(
    `${dept.name}: ${dept.managers.length} менеджеров, портал-эмулятор ${emulator.url}, ${world.day} 08:45 (Москва)`,
  );
  const { runtime } = world;
  await runtime.queue.enqueueStandup({
    ...standupSlot(dept, world.day, parseLocalTime('08:45')),
    reason: 'manual',
  });
  await until(
    'the standup to finish',
    async () => (await store.latestStandupId()) === standupId,
    40_000,
  );
  if (!options.quiet) {
    process.stdout.write('\n');
  }
  const record = (await store.standups.get(standupId))?.value;
  const laggards = record?.report.laggards ?? [];
  await until('the questions to go out', () =>
    laggards.every((id) => lastFromBot(id) !== undefined),
  );
  await settle(world);
  printer.flush();
  const [calls, meetings, silent, talk] = [14, 15, 16, 17].map((id) =>
    laggards.includes(id) ? id : undefined,
  );

  if (calls !== undefined) {
    printer.note('Менеджер отвечает одним сообщением');
    await write(
      calls,
      'Причина: весь день был на выезде у клиента. План: сегодня и завтра по 25 звонков. Срок: завтра',
    );
  }
  if (meetings !== undefined) {
    printer.note('Менеджер отвечает по шагам и выбирает срок кнопкой');
    await write(meetings, 'Клиенты перенесли встречи на следующую неделю');
    await write(meetings, 'Назначу 4 новые встречи из горячей базы');
    await press(meetings, lastFromBot(meetings), 'Завтра');
  }
  if (talk !== undefined) {
    printer.note('Менеджер отвечает по-английски');
    await write(
      talk,
      'Reason: too many short calls with secretaries. Plan: call decision makers after 16:00. Deadline: by Friday',
    );
  }
  if (calls !== undefined) {
    await press(HEAD, card(calls), 'Утвердить');
  }
  if (meetings !== undefined) {
    await press(HEAD, card(meetings), 'Поправить');
    await write(HEAD, 'Не 4, а 6 встреч, и две из них — с новыми клиентами');
    await press(meetings, lastFromBot(meetings), 'Принять');
  }
  if (talk !== undefined) {
    await press(HEAD, card(talk), 'На планёрку');
  }
  if (silent !== undefined) {
    const remindAt = DateTime.fromISO(`${world.day}T08:45`, {
      zone: dept.timeZone,
    }).plus({ minutes: dept.reminders.reminder.afterMinutes });
    printer.note(
      `Часы переводятся на ${remindAt.toFormat('HH:mm')}: кто молчит, получает одно напоминание`,
    );
    const before = botMessages();
    await world.fastForward(remindAt.toJSDate());
    await until('the reminder', () => botMessages() > before);
    await settle(world);
    printer.flush();
    const escalateAt = atLocalTime(
      DateTime.fromISO(world.day, { zone: dept.timeZone }),
      dept.standup.meetingTime,
    ).minus({ minutes: dept.reminders.escalation.minutesBeforeMeeting });
    printer.note(
      `Часы переводятся на ${escalateAt.toFormat('HH:mm')}: руководитель узнаёт, кто не ответил`,
    );
    const beforeEscalation = botMessages();
    await world.fastForward(escalateAt.toJSDate());
    await until('the escalation', () => botMessages() > beforeEscalation);
    await settle(world);
    printer.flush();
    printer.note('Поздний ответ всё равно принимается');
    await write(
      silent,
      'Причина: разбирал возврат, не успел закрыть дела. План: закрою все просроченные дела. Срок: сегодня',
    );
    printer.note('Руководитель утверждает всё, что ждёт решения, одним сообщением');
    await write(HEAD, 'ок все');
  }
  await checkDeadlines(world, printer, calls, conv);
  await settle(world);
  printer.flush();
  // The week's card and the month's results, in the order their days come (both move the
  // clocks forward only).
  const week = () =>
    weekMeeting(world, printer, {
      headId: HEAD,
      waitFor: (what, check) => until(what, check, 30_000),
      settle: () => settle(world),
      press,
    });
  const weekAt = weekCardAt(world)?.at.toMillis() ?? Number.POSITIVE_INFINITY;
  const weekFirst = weekAt <= monthCardAt(world).at.toMillis();
  const early = weekFirst ? await week() : undefined;
  const month = await monthResults(world, printer, press);
  const weekly = early ?? (await week());
  return { ...(await summary(world, standupId, started, laggards.length)), ...month, ...weekly };
}

/** Jumps to the plans' deadline, lets one manager catch up, and lets the checks run. */
async function checkDeadlines(
  world: DemoWorld,
  printer: ChatPrinter,
  calls: number | undefined,
  conv: (id: number) => Promise<Conversation | undefined>,
): Promise<void> {
  const dept = world.generated.department;
  const deadline = (await conv(calls ?? 0))?.answer.deadline ?? world.day;
  const at = atLocalTime(
    DateTime.fromISO(deadline, { zone: dept.timeZone }),
    dept.calendar.workHours.end,
  );
  if (calls !== undefined) {
    for (const day of [world.day, deadline]) {
      for (let i = 0; i < 30; i++) {
        const t = DateTime.fromISO(`${day}T10:00`, { zone: dept.timeZone })
          .plus({ minutes: i * 9 })
          .toMillis();
        world.emulator.control.addActivity({
          TYPE_ID: 2,
          DIRECTION: 2,
          COMPLETED: true,
          RESPONSIBLE_ID: calls,
          START_TIME: t,
          CREATED: t,
          PROVIDER_ID: 'VOXIMPLANT_CALL',
          OWNER_TYPE_ID: 3,
          OWNER_ID: 1,
          SUBJECT: 'Исходящий звонок',
        });
      }
    }
  }
  printer.note(
    `Часы переводятся на срок планов: ${at.toFormat('dd.MM HH:mm')} — бот снова меряет цифры`,
  );
  await world.fastForward(at.toJSDate());
  await until(
    'the deadline checks',
    async () => {
      const docs = await world.store.conversations.getMany(
        (await world.store.standups.get(standupOf(world)))?.value.conversationIds ?? [],
      );
      const due = (c: Conversation) =>
        (c.phase === 'approved' || c.phase === 'discuss') &&
        (c.answer.deadline ?? '9999') <= deadline;
      return docs.every((d) => d === undefined || !due(d.value));
    },
    30_000,
  );
}

/** The month's last working day and the time its card goes out on it. */
function monthCardAt(world: DemoWorld): { last: string; at: DateTime } {
  const dept = world.department;
  const last = lastWorkingDayOfMonth(world.ctx.calendar, world.day) ?? world.day;
  const time = dept.rhythm?.monthlyResults.time ?? parseLocalTime('17:00');
  return { last, at: atLocalTime(DateTime.fromISO(last, { zone: dept.timeZone }), time) };
}

/**
 * The month's results: the clocks move to the month's last working day at the set time (when
 * the plans' deadlines have not passed it already), the month job runs, and the head approves
 * next month's plan with one tap.
 */
async function monthResults(
  world: DemoWorld,
  printer: ChatPrinter,
  press: (userId: number, message: TranscriptEntry | undefined, button: string) => Promise<void>,
): Promise<{ largeDealsInDigest: number; monthCardSent: boolean; monthPlanApproved: boolean }> {
  const dept = world.department;
  const { last, at } = monthCardAt(world);
  if (at.toMillis() > world.clock.now().getTime()) {
    printer.note(
      `Часы переводятся на последний рабочий день месяца: ${at.toFormat('dd.MM HH:mm')} — итоги месяца`,
    );
    await world.fastForward(at.toJSDate());
  } else {
    printer.note(`Итоги месяца за последний рабочий день ${at.toFormat('dd.MM')}`);
  }
  const cards = () =>
    world.emulator.control
      .transcript(privateConversation(HEAD, world.botId))
      .filter((m) => m.authorId === world.botId && m.text.includes('Итоги месяца'));
  await world.runtime.queue.enqueueMonth(dept.id, {
    kind: 'results',
    month: last.slice(0, 7),
    day: last,
    runAt: at.toISO({ suppressMilliseconds: true }) ?? '',
  });
  await until("the month's card", () => cards().length > 0, 30_000);
  await settle(world);
  printer.flush();
  const card = cards().at(-1);
  if (card?.buttons.some((b) => b.text === 'Утвердить план') === true) {
    await press(HEAD, card, 'Утвердить план');
  }
  const approved = (await world.store.month.history.range(`${last.slice(0, 7)}-01`, '9999-12-31'))
    .length;
  const digest = world.emulator.control
    .transcript(privateConversation(HEAD, world.botId))
    .find((m) => m.authorId === world.botId && m.text.includes('Крупные сделки без движения'));
  return {
    largeDealsInDigest:
      digest === undefined
        ? 0
        : [world.largeDeals.stale, world.largeDeals.fresh].filter((id) =>
            digest.text.includes(`/crm/deal/details/${id}/`),
          ).length,
    monthCardSent: card !== undefined,
    monthPlanApproved: approved > 0,
  };
}

const standupOf = (world: DemoWorld) =>
  standupSlot(world.generated.department, world.day, parseLocalTime('08:45')).standupId;

async function summary(
  world: DemoWorld,
  standupId: string,
  started: number,
  lagging: number,
): Promise<
  Omit<DemoSummary, 'largeDealsInDigest' | 'monthCardSent' | 'monthPlanApproved' | 'weekCardSent'>
> {
  const record = (await world.store.standups.get(standupId))?.value;
  const docs = (await world.store.conversations.getMany(record?.conversationIds ?? [])).flatMap(
    (d) => (d === undefined ? [] : [d.value]),
  );
  const count = (test: (c: Conversation) => boolean) => docs.filter(test).length;
  return {
    day: world.day,
    managers: world.generated.department.managers.length,
    lagging,
    questionsSent: docs.length,
    answers: count((c) => c.answeredAt !== undefined),
    approved: count((c) => c.decision?.kind === 'approved'),
    corrected: count((c) => c.steps.some((step) => step.kind === 'correction_requested')),
    discussed: count((c) => c.decision?.kind === 'discuss'),
    held: count((c) => c.phase === 'held'),
    notHeld: count((c) => c.phase === 'not_held'),
    headActions: await world.store.headActions(standupId),
    httpRequests: world.emulator.control.stats().requests,
    standupRequests: record?.report.requests ?? 0,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    redisPrefix: world.ctx.keyPrefix,
    checksToldHead: world.emulator.control
      .transcript(privateConversation(HEAD, world.botId))
      .filter((m) => m.authorId === world.botId && /: план \[b\](?:не )?выполнен/.test(m.text))
      .length,
  };
}
