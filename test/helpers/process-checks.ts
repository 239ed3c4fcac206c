import { expect } from 'vitest';
import { privateConversation } from '../../src/emulator/portal-state.js';
import type { ProcessWorld } from './bot-process.js';
import { expectNoMessageTwice } from './invariants.js';

// Checks shared by the tests that run the binary in child processes.

export const SEND = 'imbot.v2.Chat.Message.send';
export const ANSWER =
  'Причина: весь день на выезде. План: сделаю по 25 звонков в день. Срок: завтра';

export const fromBot = (world: ProcessWorld, userId: number) =>
  world
    .transcript()
    .filter(
      (m) =>
        m.authorId === world.botId && m.conversation === privateConversation(userId, world.botId),
    );

export async function standupDone(world: ProcessWorld): Promise<boolean> {
  const record = (await world.store.standups.get(world.standupId))?.value;
  if (record === undefined || record.outbox.length > 0) {
    return false;
  }
  for (const id of record.conversationIds) {
    const conversation = (await world.store.conversations.get(id))?.value;
    if (conversation === undefined || conversation.outbox.length > 0) {
      return false;
    }
  }
  return true;
}

/** A process running the standup with every message slowed down, once the first is out. */
export async function slowStandupUnderWay(world: ProcessWorld) {
  world.emulator.control.injectFault({ kind: 'delay', method: SEND, count: 1_000, delayMs: 300 });
  const process = world.run();
  expect((await world.cli(['standup', '--now'])).code).toBe(0);
  await world.until('the first message is out', () =>
    world.transcript().some((m) => m.authorId === world.botId),
  );
  return process;
}

export async function laggardsOf(world: ProcessWorld): Promise<number[]> {
  return (await world.store.standups.get(world.standupId))?.value.report.laggards ?? [];
}

export const headCards = (world: ProcessWorld) =>
  fromBot(world, world.headId).filter((m) => m.buttons.length > 0);

/** Each laggard's answer got exactly one acknowledgement and reached the head once. */
export async function expectEveryAnswerOnce(world: ProcessWorld, managers: readonly number[]) {
  await world.until(
    "every answer is acknowledged and on the head's desk",
    () =>
      managers.every((id) =>
        fromBot(world, id).some((m) => m.text.includes('Ваш план отправлен')),
      ) && headCards(world).length >= managers.length,
  );
  // Time for a duplicate to show up, if something were to send one.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  for (const id of managers) {
    const acks = fromBot(world, id).filter((m) => m.text.includes('Ваш план отправлен'));
    expect(acks, `acknowledgements to ${id}`).toHaveLength(1);
    const conversation = (await world.store.conversations.get(`${world.standupId}-${id}`))?.value;
    expect(conversation?.phase).toBe('answered');
    expect(conversation?.answer.reason).toContain('весь день на выезде');
    const events = conversation?.processedEvents ?? [];
    expect(new Set(events).size, 'each event processed once').toBe(events.length);
  }
  expect(headCards(world)).toHaveLength(managers.length);
  expectNoMessageTwice(world.transcript(), world.botId);
}
