import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateConversation } from '../../../src/emulator/portal-state.js';
import { startProcessWorld, type ProcessWorld } from '../../helpers/bot-process.js';
import { expectNoMessageTwice, expectStandupInvariants } from '../../helpers/invariants.js';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/private-redis.js';

const SEND = 'imbot.v2.Chat.Message.send';
const ANSWER = 'Причина: весь день на выезде. План: сделаю по 25 звонков в день. Срок: завтра';

const fromBot = (world: ProcessWorld, userId: number) =>
  world
    .transcript()
    .filter(
      (m) =>
        m.authorId === world.botId && m.conversation === privateConversation(userId, world.botId),
    );

async function standupDone(world: ProcessWorld): Promise<boolean> {
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

async function laggardsOf(world: ProcessWorld): Promise<number[]> {
  return (await world.store.standups.get(world.standupId))?.value.report.laggards ?? [];
}

const headCards = (world: ProcessWorld) =>
  fromBot(world, world.headId).filter((m) => m.buttons.length > 0);

/** Each laggard's answer got exactly one acknowledgement and reached the head once. */
async function expectEveryAnswerOnce(world: ProcessWorld, managers: readonly number[]) {
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

describe('the binary killed with SIGKILL and restarted loses and repeats nothing', () => {
  let world: ProcessWorld;
  beforeAll(async () => {
    world = await startProcessWorld();
  }, 60_000);
  afterAll(async () => world.close());

  it('in the middle of a standup', async () => {
    world.emulator.control.injectFault({ kind: 'delay', method: SEND, count: 1_000, delayMs: 300 });
    const first = world.run();
    expect((await world.cli(['standup', '--now'])).code).toBe(0);
    await world.until('the first message is out', () =>
      world.transcript().some((m) => m.authorId === world.botId),
    );
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await standupDone(world)).toBe(false);
    world.emulator.control.clearFaults();

    const second = world.run();
    await world.until('the standup is done by the restarted process', () => standupDone(world));
    await expectStandupInvariants(world, world.standupId);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 90_000);

  it('in the middle of a conversation, between the answer and the reply', async () => {
    const [manager] = await laggardsOf(world);
    const process = world.run();
    world.emulator.control.injectFault({ kind: 'delay', method: SEND, count: 1, delayMs: 1_500 });
    world.emulator.control.userWrites({ fromUserId: manager!, to: world.botId, text: ANSWER });
    await world.until(
      'the answer is fetched into the inbox',
      async () => (await world.store.inbox.pendingCount()) > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.child.kill('SIGKILL');
    await process.exited;
    // Killed while its reply was on the wire: the portal will still execute that send.
    expect(fromBot(world, manager!).some((m) => m.text.includes('Ваш план отправлен'))).toBe(false);
    expect(await world.store.inbox.pendingCount()).toBe(1);

    const restarted = world.run();
    await expectEveryAnswerOnce(world, [manager!]);
    await expectStandupInvariants(world, world.standupId);
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
  }, 90_000);
});

describe('two instances against one Redis and one portal', () => {
  let world: ProcessWorld;
  beforeAll(async () => {
    world = await startProcessWorld({ seed: 11 });
  }, 60_000);
  afterAll(async () => world.close());

  it('ask every laggard once and process every answer once', async () => {
    const instances = [world.run(), world.run()];
    const enqueued = await Promise.all([
      world.cli(['standup', '--now']),
      world.cli(['standup', '--now']),
    ]);
    expect(enqueued.map((e) => e.code)).toEqual([0, 0]);
    expect(enqueued.filter((e) => e.output.includes('already enqueued'))).toHaveLength(1);
    await world.until('the standup is done', () => standupDone(world));
    const laggards = await expectStandupInvariants(world, world.standupId);

    for (const id of laggards) {
      world.emulator.control.userWrites({ fromUserId: id, to: world.botId, text: ANSWER });
    }
    await expectEveryAnswerOnce(world, laggards);
    for (const instance of instances) {
      instance.child.kill('SIGTERM');
    }
    expect(await Promise.all(instances.map((i) => i.exited))).toEqual([0, 0]);
    const webhookCode = new URL(world.emulator.webhookUrl).pathname.split('/')[3] ?? '';
    const botToken = (await world.store.bot())?.token ?? '';
    for (const instance of instances) {
      expect(instance.output()).toContain('standup-bot running');
      expect(instance.output()).not.toContain(webhookCode);
      expect(instance.output()).not.toContain(botToken);
    }
  }, 90_000);
});

describe('Redis restarted in the middle of a standup', () => {
  let redis: PrivateRedis;
  let world: ProcessWorld;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    world = await startProcessWorld({ seed: 13, redisUrl: redis.url });
  }, 60_000);
  afterAll(async () => {
    await world.close();
    await redis.stop();
  });

  it('the running process carries on when Redis is back, and nothing is lost or repeated', async () => {
    world.emulator.control.injectFault({ kind: 'delay', method: SEND, count: 1_000, delayMs: 300 });
    const process = world.run();
    expect((await world.cli(['standup', '--now'])).code).toBe(0);
    await world.until('the first message is out', () =>
      world.transcript().some((m) => m.authorId === world.botId),
    );
    expect(await standupDone(world)).toBe(false);
    await redis.crash();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await redis.start();
    world.emulator.control.clearFaults();
    await world.until('the standup is done', () => standupDone(world).catch(() => false), 60_000);
    const laggards = await expectStandupInvariants(world, world.standupId);

    const [manager] = laggards;
    world.emulator.control.userWrites({ fromUserId: manager!, to: world.botId, text: ANSWER });
    await expectEveryAnswerOnce(world, [manager!]);
    process.child.kill('SIGTERM');
    expect(await process.exited).toBe(0);
  }, 120_000);
});

describe('SIGTERM in the middle of a standup', () => {
  let world: ProcessWorld;
  beforeAll(async () => {
    world = await startProcessWorld({ seed: 17 });
  }, 60_000);
  afterAll(async () => world.close());

  it('lets the running standup finish, then exits 0', async () => {
    world.emulator.control.injectFault({ kind: 'delay', method: SEND, count: 1_000, delayMs: 300 });
    const process = world.run();
    expect((await world.cli(['standup', '--now'])).code).toBe(0);
    await world.until('the first message is out', () =>
      world.transcript().some((m) => m.authorId === world.botId),
    );
    expect(await standupDone(world)).toBe(false);
    process.child.kill('SIGTERM');
    expect(await process.exited).toBe(0);
    expect(await standupDone(world)).toBe(true);
    await expectStandupInvariants(world, world.standupId);
  }, 90_000);
});

describe('a webhook the portal refuses for good', () => {
  let world: ProcessWorld;
  beforeAll(async () => {
    // The administrator forgot the crm scope: the bot can talk, but not read the figures.
    world = await startProcessWorld({
      seed: 19,
      scopes: ['user', 'department', 'telephony', 'im', 'imbot', 'basic'],
    });
  }, 60_000);
  afterAll(async () => world.close());

  it('fails the standup at once, tells the head once, and keeps running', async () => {
    const process = world.run();
    expect((await world.cli(['standup', '--now'])).code).toBe(0);
    await world
      .until('the head is told', () => fromBot(world, world.headId).length > 0)
      .catch((e: unknown) => {
        console.log(process.output());
        throw e;
      });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const told = fromBot(world, world.headId);
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('insufficient_scope');
    expect(told[0]?.text).not.toContain(new URL(world.emulator.webhookUrl).pathname.split('/')[3]);
    expect(world.managerIds.flatMap((id) => fromBot(world, id))).toEqual([]);
    expect(await world.store.standups.get(world.standupId)).toBeUndefined();
    expect(process.child.exitCode).toBeNull();
    process.child.kill('SIGTERM');
    expect(await process.exited).toBe(0);
    expect(process.output().match(/failed for good|job failed/gi)?.length ?? 0).toBeGreaterThan(0);
  }, 60_000);
});
