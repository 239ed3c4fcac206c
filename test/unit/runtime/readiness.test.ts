import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { BitrixClient } from '../../../src/bitrix/client.js';
import { readinessChecks } from '../../../src/runtime/readiness.js';

function world(answer: () => Promise<unknown>) {
  let now = Date.parse('2026-11-24T09:00:00Z');
  let calls = 0;
  const bitrix = {
    portal: 'acme.bitrix24.ru',
    call: () => {
      calls++;
      return answer();
    },
  } as unknown as BitrixClient;
  const status = { lastStandup: undefined, lastPoll: undefined as Date | undefined };
  const checks = readinessChecks({
    redis: { ping: async () => 'PONG' } as unknown as Redis,
    bitrix,
    status,
    pollEveryMs: 5_000,
    now: () => new Date(now),
  });
  const check = (name: string) => checks.find((c) => c.name === name)!.check();
  return {
    check,
    status,
    calls: () => calls,
    advance: (ms: number) => {
      now += ms;
    },
    at: () => new Date(now),
  };
}

describe('readiness', () => {
  it('asks the portal at most once a minute while it answers', async () => {
    const w = world(async () => ({ result: {} }));
    await w.check('portal');
    w.advance(30_000);
    await w.check('portal');
    expect(w.calls()).toBe(1);
    w.advance(31_000);
    await w.check('portal');
    expect(w.calls()).toBe(2);
  });

  it('remembers a failing portal for 15 s instead of asking at every probe', async () => {
    const w = world(() => Promise.reject(new Error('HTTP 502')));
    await expect(w.check('portal')).rejects.toThrow('HTTP 502');
    w.advance(5_000);
    await expect(w.check('portal')).rejects.toThrow('HTTP 502');
    expect(w.calls()).toBe(1);
    w.advance(11_000);
    await expect(w.check('portal')).rejects.toThrow('HTTP 502');
    expect(w.calls()).toBe(2);
  });

  it('fails the activity check when polling has stopped succeeding', async () => {
    const w = world(async () => ({}));
    w.status.lastPoll = w.at();
    w.advance(100_000);
    await expect(w.check('activity')).resolves.toMatchObject({
      lastPoll: '2026-11-24T09:00:00.000Z',
    });
    w.advance(60_000);
    await expect(w.check('activity')).rejects.toThrow(/no successful poll for 160 s/);
  });
});
