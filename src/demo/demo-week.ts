import { DateTime } from 'luxon';
import { atLocalTime, parseLocalTime } from '../domain/department/local-time.js';
import { isMeetingDay, weekCardTime } from '../domain/rhythm/week-schedule.js';
import { weekIdOf } from '../domain/week/week-report.js';
import type { TranscriptEntry } from '../emulator/control.js';
import { privateConversation } from '../emulator/portal-state.js';
import type { ChatPrinter } from './chat-printer.js';
import type { DemoWorld } from './demo-world.js';

/** How far ahead the next meeting day is looked for: two weeks cover a holiday Friday. */
const LOOK_AHEAD_DAYS = 21;

/**
 * When the weekly card goes out in the demo: the department's next meeting day on or after the
 * demo's day, at the card's time (the meeting less `card_minutes_before`). Undefined when the
 * department has the weekly meeting switched off or no meeting day comes within three weeks.
 */
export function weekCardAt(world: DemoWorld): { day: string; at: DateTime } | undefined {
  const dept = world.department;
  const calendar = world.ctx.calendar;
  let day = DateTime.fromISO(world.day, { zone: dept.timeZone });
  for (let i = 0; i < LOOK_AHEAD_DAYS; i++, day = day.plus({ days: 1 })) {
    const iso = day.toISODate() ?? '';
    if (isMeetingDay(dept, calendar, iso)) {
      return { day: iso, at: atLocalTime(day, parseLocalTime(weekCardTime(dept))) };
    }
  }
  return undefined;
}

/**
 * The weekly planning meeting's card: the clocks move to the meeting day at the card's time
 * (when they have not passed it already), the week job runs through the queue as the scheduler
 * would enqueue it, and the head moves one open issue to next week with its button.
 */
export async function weekMeeting(
  world: DemoWorld,
  printer: ChatPrinter,
  steps: {
    headId: number;
    waitFor: (what: string, check: () => boolean) => Promise<void>;
    settle: () => Promise<void>;
    press: (userId: number, message: TranscriptEntry | undefined, button: string) => Promise<void>;
  },
): Promise<{ weekCardSent: boolean }> {
  const when = weekCardAt(world);
  if (when === undefined) {
    printer.note('Планёрка недели выключена в настройках отдела');
    return { weekCardSent: false };
  }
  const { day, at } = when;
  if (at.toMillis() > world.clock.now().getTime()) {
    printer.note(
      `Часы переводятся на день планёрки недели: ${at.toFormat('dd.MM HH:mm')} — карточка недели`,
    );
    await world.fastForward(at.toJSDate());
  } else {
    printer.note(`Карточка планёрки недели за ${at.toFormat('dd.MM')}`);
  }
  const weekId = weekIdOf(world.department.id, day);
  const cards = () =>
    world.emulator.control
      .transcript(privateConversation(steps.headId, world.botId))
      .filter((m) => m.authorId === world.botId && m.text.includes('Планёрка недели'));
  await world.runtime.queue.enqueueWeek({ weekId, day });
  await steps.waitFor("the week's card", () => cards().length > 0);
  await steps.settle();
  printer.flush();
  const card = cards().at(-1);
  const carry = card?.buttons.find((b) => b.text.endsWith(': перенести'));
  if (card !== undefined && carry !== undefined) {
    await steps.press(steps.headId, card, carry.text);
  }
  return { weekCardSent: card !== undefined && card.attach !== undefined };
}
