import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcessWorld, type ProcessWorld } from '../../helpers/bot-process.js';
import { expectStandupInvariants } from '../../helpers/invariants.js';
import {
  ANSWER,
  SEND,
  expectEveryAnswerOnce,
  fromBot,
  laggardsOf,
  slowStandupUnderWay,
  standupDone,
} from '../../helpers/process-checks.js';

describe('the binary killed with SIGKILL and restarted loses and repeats nothing', () => {
  let world: ProcessWorld;
  beforeAll(async () => {
    world = await startProcessWorld();
  }, 180_000);
  afterAll(async () => world.close());

  it('in the middle of a standup', async () => {
    const first = await slowStandupUnderWay(world);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await standupDone(world)).toBe(false);
    world.emulator.control.clearFaults();

    const second = world.run();
    await world.until('the standup is done by the restarted process', () => standupDone(world));
    await expectStandupInvariants(world, world.standupId);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);

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
    // The reply killed on the wire is read back once it has settled; then the outbox empties.
    await world.until('every outbox is empty', () => standupDone(world));
    await expectStandupInvariants(world, world.standupId);
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
  }, 180_000);
});

describe('two instances against one Redis and one portal', () => {
  let world: ProcessWorld;
  beforeAll(async () => {
    world = await startProcessWorld({ seed: 11 });
  }, 180_000);
  afterAll(async () => world.close());

  it('ask every laggard once and process every answer once', async () => {
    const instances = [world.run(), world.run()];
    const enqueued = await Promise.all([
      world.cli(['standup', '--now']),
      world.cli(['standup', '--now']),
    ]);
    expect(enqueued.map((e) => e.code)).toEqual([0, 0]);
    // At most one of them added the job: none when the instances' schedulers caught up with
    // today's standup first (after its time of day, within the grace window).
    expect(enqueued.filter((e) => e.output.includes(' enqueued:')).length).toBeLessThanOrEqual(1);
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
  }, 180_000);
});

describe('SIGTERM in the middle of a standup', () => {
  let world: ProcessWorld;
  beforeAll(async () => {
    world = await startProcessWorld({ seed: 17 });
  }, 180_000);
  afterAll(async () => world.close());

  it('lets the running standup finish, then exits 0', async () => {
    const process = await slowStandupUnderWay(world);
    expect(await standupDone(world)).toBe(false);
    process.child.kill('SIGTERM');
    expect(await process.exited).toBe(0);
    expect(await standupDone(world)).toBe(true);
    await expectStandupInvariants(world, world.standupId);
  }, 180_000);
});
