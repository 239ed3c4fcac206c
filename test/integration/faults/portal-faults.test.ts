import { afterEach, describe, expect, it } from 'vitest';
import { privateConversation } from '../../../src/emulator/portal-state.js';
import { standupSlot } from '../../../src/domain/standup-slot.js';
import { RetryLaterError } from '../../../src/lib/retry-later.js';
import { runStandup } from '../../../src/standup/run-standup.js';
import { startStandupLoop, type StandupLoop } from '../../helpers/standup-loop.js';
import { expectStandupInvariants, loopWorld } from '../../helpers/invariants.js';
import { parseLocalTime } from '../../../src/domain/department/local-time.js';

const DAY = '2026-11-24';
const STANDUP = 'sales-demo-20261124';
let loop: StandupLoop | undefined;
afterEach(async () => {
  await loop?.close();
  loop = undefined;
});

/**
 * Runs the standup job the way BullMQ would: again after each failure, up to `attempts`, and
 * at its time after a RetryLaterError (the clock and the real time both move, since the
 * emulator executes held-back sends in real time).
 */
async function runLikeAJob(current: StandupLoop, attempts = 10) {
  const slot = standupSlot(current.generated.department, DAY, parseLocalTime('08:45'));
  let failures = 0;
  for (;;) {
    try {
      return { outcome: await runStandup(current.restart(), slot), failures };
    } catch (error) {
      if (error instanceof RetryLaterError) {
        const waitMs = Math.max(0, error.retryAt - current.clock.now().getTime());
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        current.clock.advance(waitMs);
        continue;
      }
      failures++;
      if (failures >= attempts) {
        throw error;
      }
    }
  }
}

describe('the standup under portal faults loses nothing and repeats nothing', () => {
  it.each([
    { portal: 'does not deduplicate templateId (found by its text)', dedupe: false },
    { portal: 'deduplicates templateId (found by its UUID)', dedupe: true },
  ])(
    'a send whose answer is lost is read back, not repeated, on a portal that $portal',
    async ({ dedupe }) => {
      loop = await startStandupLoop({ seed: 9, managers: 8, dedupeTemplateIds: dedupe });
      loop.emulator.control.injectFault({
        kind: 'lost_answer',
        method: 'imbot.v2.Chat.Message.send',
        count: 3,
      });
      const { failures } = await runLikeAJob(loop);
      expect(failures).toBe(3);
      await expectStandupInvariants(loopWorld(loop), STANDUP);
      // Each lost send was executed once by the portal (the invariants: no message twice) and
      // found by reading the dialog back.
      const byMethod = loop.emulator.control.stats().byMethod;
      expect(byMethod['imbot.v2.Chat.Message.getContext']).toBe(3);
    },
  );

  it('a send answered by a 500 is repeated once the dialog shows it did not land', async () => {
    loop = await startStandupLoop({ seed: 9, managers: 8 });
    loop.emulator.control.injectFault({
      kind: '500',
      method: 'imbot.v2.Chat.Message.send',
      count: 2,
    });
    const { failures } = await runLikeAJob(loop);
    expect(failures).toBe(2);
    await expectStandupInvariants(loopWorld(loop), STANDUP);
    // Each 500 was read back (nothing there), then sent again: one message each (injected
    // faults are not counted in the emulator's stats).
    const stats = loop.emulator.control.stats();
    expect(stats.byMethod['imbot.v2.Chat.get']).toBe(2);
  });

  it('storms of 503 and 429 while figures are read and messages sent', async () => {
    loop = await startStandupLoop({ seed: 9, managers: 8, maxRetryWaitMs: 5 });
    loop.emulator.control.injectFault({ kind: '503', count: 12 });
    loop.emulator.control.injectFault({ kind: '429', method: 'batch', count: 2, delayMs: 500 });
    loop.emulator.control.injectFault({
      kind: '503',
      method: 'imbot.v2.Chat.Message.send',
      count: 4,
    });
    await runLikeAJob(loop);
    await expectStandupInvariants(loopWorld(loop), STANDUP);
    const stats = loop.client.stats();
    expect(stats.queryLimitRefusals).toBe(16);
    expect(stats.operationLimitRefusals).toBe(2);
  });

  it('HTML error pages, 500s, resets and slow answers on reads and writes', async () => {
    loop = await startStandupLoop({ seed: 9, managers: 8, maxRetryWaitMs: 5, timeoutMs: 400 });
    const faults = [
      { kind: 'html', count: 3 },
      { kind: '500', method: 'batch', count: 2 },
      { kind: 'reset', method: 'batch', count: 2 },
      { kind: 'delay', method: 'batch', count: 1, delayMs: 1_000 },
      { kind: 'reset', method: 'imbot.v2.Chat.Message.send', count: 1 },
      { kind: 'delay', method: 'imbot.v2.Chat.Message.send', count: 1, delayMs: 1_000 },
      { kind: 'html', method: 'imbot.v2.Chat.Message.send', count: 1 },
    ] as const;
    for (const fault of faults) {
      loop.emulator.control.injectFault({ ...fault });
    }
    const { failures } = await runLikeAJob(loop);
    expect(failures).toBeGreaterThan(0);
    // The slow send executed after the client gave up: still one message per person.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expectStandupInvariants(loopWorld(loop), STANDUP);
  });
});

describe('the emulated portal keeps a message per templateId, when asked to', () => {
  it('answers a repeated send with the first message', async () => {
    loop = await startStandupLoop({ seed: 9, managers: 8, dedupeTemplateIds: true });
    const send = (key: string) => loop!.deps.chat.send('1', 'hi', undefined, { key });
    const first = await send('standup-1-e1');
    const again = await send('standup-1-e1');
    const other = await send('standup-1-e2');
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(
      loop.emulator.control
        .transcript(privateConversation(1, loop.botId))
        .filter((m) => m.text === 'hi'),
    ).toHaveLength(2);
  });
});
