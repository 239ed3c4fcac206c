import { expect } from 'vitest';
import type { TranscriptEntry } from '../../src/emulator/control.js';
import { privateConversation } from '../../src/emulator/portal-state.js';
import type { StandupStore } from '../../src/standup/standup-store.js';

export interface StandupWorld {
  transcript: () => TranscriptEntry[];
  botId: number;
  headId: number;
  managerIds: readonly number[];
  store: StandupStore;
}

/**
 * What must hold after a standup, whatever failed on the way: every laggard asked exactly once,
 * nobody else asked, the head given one digest, no message sent twice, nothing left undone in
 * an outbox. Returns the laggards, as the stored report names them.
 */
export async function expectStandupInvariants(
  world: StandupWorld,
  standupId: string,
): Promise<number[]> {
  const record = (await world.store.standups.get(standupId))?.value;
  expect(record, `standup ${standupId} is stored`).toBeDefined();
  const laggards = record?.report.laggards ?? [];
  expect(laggards.length).toBeGreaterThan(0);
  expect(record?.outbox).toEqual([]);
  const all = world.transcript();
  const fromBot = (userId: number) =>
    all.filter(
      (m) =>
        m.authorId === world.botId && m.conversation === privateConversation(userId, world.botId),
    );
  for (const id of world.managerIds) {
    const questions = fromBot(id).filter((m) => /причину|reason/i.test(m.text));
    expect(questions, `questions to manager ${id}`).toHaveLength(laggards.includes(id) ? 1 : 0);
    if (laggards.includes(id)) {
      const conversation = (await world.store.conversations.get(`${standupId}-${id}`))?.value;
      expect(conversation?.outbox, `outbox of manager ${id}`).toEqual([]);
    }
  }
  expect(
    fromBot(world.headId).filter((m) => m.text.includes(record?.day.slice(8) ?? '?')),
  ).not.toHaveLength(0);
  expectNoMessageTwice(all, world.botId);
  return laggards;
}

/** No two messages from the bot with the same text in the same conversation. */
export function expectNoMessageTwice(all: readonly TranscriptEntry[], botId: number): void {
  const seen = new Map<string, number>();
  for (const m of all.filter((entry) => entry.authorId === botId)) {
    const key = `${m.conversation}\u0000${m.text}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const twice = [...seen].filter(([, n]) => n > 1).map(([key]) => key.replace('\u0000', ': '));
  expect(twice, 'messages sent twice').toEqual([]);
}

/** The world of a standup loop (test/helpers/standup-loop.ts). */
export function loopWorld(loop: {
  emulator: { control: { transcript: () => TranscriptEntry[] } };
  botId: number;
  generated: { head: { id: number }; department: { managers: readonly { userId: number }[] } };
  store: StandupStore;
}): StandupWorld {
  return {
    transcript: () => loop.emulator.control.transcript(),
    botId: loop.botId,
    headId: loop.generated.head.id,
    managerIds: loop.generated.department.managers.map((m) => m.userId),
    store: loop.store,
  };
}
