import { describe, expect, it } from 'vitest';
import type { BatchCommand, BatchOutcome } from '../../../src/bitrix/batch.js';
import type { BitrixClient } from '../../../src/bitrix/client.js';
import { BitrixApiError, BitrixHttpError } from '../../../src/bitrix/errors.js';
import { batchedWrites } from '../../../src/chat/batched-writes.js';

/** A client whose batches wait for `release`, so the test decides what arrives meanwhile. */
function slowClient(answer: (key: string, command: BatchCommand) => BatchOutcome) {
  const batches: string[][] = [];
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const client = {
    call: async (method: string) => {
      calls.push(method);
      return { result: { read: true } };
    },
    batch: async (commands: Record<string, BatchCommand>) => {
      batches.push(Object.values(commands).map((c) => String(c.params?.text)));
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return Object.fromEntries(
        Object.entries(commands).map(([key, command]) => [key, answer(key, command)]),
      );
    },
  } as unknown as BitrixClient;
  return { client, batches, calls, release: () => release() };
}

const ok = (result: unknown): BatchOutcome => ({
  ok: true,
  result,
  total: undefined,
  next: undefined,
});
const send = (text: string) =>
  ['imbot.v2.Chat.Message.send', { text }, { kind: 'write' as const }] as const;

describe('sends gathered into batches', () => {
  it('sends a lone message at once and gathers what arrives meanwhile into the next batch', async () => {
    const { client, batches, release } = slowClient((_key, command) =>
      ok({ id: `id-${String(command.params?.text)}` }),
    );
    const caller = batchedWrites(client);
    const first = caller.call(...send('a'));
    const rest = ['b', 'c', 'd'].map((text) => caller.call(...send(text)));
    await Promise.resolve();
    release();
    expect(await first).toEqual({ result: { id: 'id-a' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    expect(await Promise.all(rest)).toEqual([
      { result: { id: 'id-b' } },
      { result: { id: 'id-c' } },
      { result: { id: 'id-d' } },
    ]);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it("gives each message its own error; a sub-call's 500 is unclear, a refusal final", async () => {
    const { client, release } = slowClient((_key, command) => {
      const text = String(command.params?.text);
      return text === 'refused'
        ? { ok: false, error: new BitrixApiError(command.method, 'ACCESS_DENIED', '', 200) }
        : text === 'broken'
          ? {
              ok: false,
              error: new BitrixApiError(command.method, 'INTERNAL_SERVER_ERROR', '', 200),
            }
          : ok({ id: 1 });
    });
    const caller = batchedWrites(client);
    const answers = ['fine', 'refused', 'broken'].map((text) =>
      caller.call(...send(text)).catch((error: unknown) => error),
    );
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      release();
    }
    const [fine, refused, broken] = await Promise.all(answers);
    expect(fine).toEqual({ result: { id: 1 } });
    expect(refused).toMatchObject({ name: 'BitrixApiError', code: 'ACCESS_DENIED' });
    expect(broken).toBeInstanceOf(BitrixHttpError);
  });

  it('leaves reads alone', async () => {
    const { client, calls, batches } = slowClient(() => ok({}));
    await batchedWrites(client).call('imbot.v2.Chat.get', {}, { kind: 'read' });
    expect(calls).toEqual(['imbot.v2.Chat.get']);
    expect(batches).toEqual([]);
  });
});
