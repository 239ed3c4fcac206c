import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLocalTime } from '../../../src/domain/department/local-time.js';
import { standupSlot } from '../../../src/domain/standup-slot.js';
import { privateConversation } from '../../../src/emulator/portal-state.js';
import { handleTimer } from '../../../src/standup/handle-timer.js';
import { runStandup } from '../../../src/standup/run-standup.js';
import { startStandupLoop, type StandupLoop } from '../../helpers/standup-loop.js';

const HEAD = 1;
const DAY = '2026-11-24';
const STANDUP = 'sales-demo-20261124';
/** The calendar is not readable: a vacation is known only through im.user.list.get. */
const NO_CALENDAR = ['crm', 'user', 'department', 'telephony', 'im', 'imbot'];

let loop: StandupLoop;
const fromBot = (userId: number) =>
  loop.emulator.control
    .transcript(privateConversation(userId, loop.botId))
    .filter((m) => m.authorId === loop.botId);
const nameOf = (userId: number) =>
  loop.generated.department.managers.find((m) => m.userId === userId)?.name ?? '';

beforeAll(async () => {
  loop = await startStandupLoop({ seed: 7, managers: 8, portalPeople: true, scopes: NO_CALENDAR });
}, 60_000);
afterAll(async () => loop.close());

describe('people as the portal says they are, in the standup on the emulator', () => {
  it('asks exactly the present, active laggards; the digest names who is away and who has left', async () => {
    const { vacationer, dismissedManager, lags } = loop.generated.truth;
    expect(lags.some((l) => l.managerId === vacationer?.managerId)).toBe(true);
    const asked = [...new Set(lags.map((l) => l.managerId))].filter(
      (id) => id !== vacationer?.managerId,
    );
    const outcome = await runStandup(
      loop.deps,
      standupSlot(loop.generated.department, DAY, parseLocalTime('08:45')),
    );
    expect(outcome).toMatchObject({ laggards: asked.length, questionsSent: asked.length });
    for (const id of asked) {
      expect(fromBot(id)).toHaveLength(1);
    }
    expect(fromBot(vacationer?.managerId ?? 0)).toEqual([]);
    expect(fromBot(dismissedManager ?? 0)).toEqual([]);

    const digest = fromBot(HEAD)[0]?.text ?? '';
    expect(digest).toContain(`В отпуске: ${nameOf(vacationer?.managerId ?? 0)} до 27.11.`);
    const dismissedName = nameOf(dismissedManager ?? 0);
    expect(digest.split(dismissedName)).toHaveLength(2); // named once, in the footer
    expect(digest).toContain(`${dismissedName} (id ${dismissedManager}, уволен)`);
    expect(digest).toContain('В норме: 5 из 8.'); // the team of 8; the vacationer is not counted

    // The calendar refused, and said so by its own name and code, once.
    const refusals = loop.logs
      .lines()
      .filter((line) => line.includes('refused a people method'))
      .map((line) => JSON.parse(line) as { method: string; code: string });
    expect(refusals).toEqual([
      expect.objectContaining({ method: 'calendar.accessibility.get', code: 'insufficient_scope' }),
    ]);
  });

  it('does not remind, nor name in the escalation, someone who went away after being asked', async () => {
    const reminders = loop.timers.filter((t) => t.timer === 'reminder');
    const [away, here] = reminders.map((t) => Number(t.targetId.split('-').at(-1)));
    loop.portal.users.get(away ?? 0)!.absence = { from: DAY, to: '2026-11-25' };
    for (const reminder of reminders) {
      await handleTimer(loop.deps, { ...reminder, timer: 'reminder' });
    }
    expect(fromBot(away ?? 0)).toHaveLength(1); // the question only
    expect(fromBot(here ?? 0)).toHaveLength(2); // the question and the reminder

    await handleTimer(loop.deps, { targetId: STANDUP, timer: 'escalation', at: `${DAY}T09:35` });
    const escalation = fromBot(HEAD).find((m) => m.text.includes('К планёрке не ответили'));
    expect(escalation?.text).toContain(nameOf(here ?? 0));
    expect(escalation?.text).not.toContain(nameOf(away ?? 0));
  });
});
