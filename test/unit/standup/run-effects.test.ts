import { describe, expect, it } from 'vitest';
import { BitrixApiError, BitrixHttpError } from '../../../src/bitrix/errors.js';
import type { ChatPort, Located, SentProbe } from '../../../src/chat/chat-port.js';
import type { Effect } from '../../../src/domain/standup/conversation-schema.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { RetryLaterError } from '../../../src/lib/retry-later.js';
import { runEffects } from '../../../src/standup/run-effects.js';
import type { EffectMark, SentMessages } from '../../../src/store/sent-messages.js';

function memorySent(): SentMessages & { marks: Map<string, EffectMark> } {
  const marks = new Map<string, EffectMark>();
  return {
    marks,
    get: async (id) => marks.get(id),
    getMany: async (ids) => ids.map((id) => marks.get(id)),
    mark: async (id, mark) => {
      marks.set(id, mark);
    },
    forget: async (id) => {
      marks.delete(id);
    },
  };
}

const send = (id: string): Effect => ({ type: 'send', id, dialogId: '14', text: id });
const NOW = Date.parse('2026-11-24T06:00:00Z');

function deps(
  answer: (key: string | undefined) => Promise<number>,
  locate: (probe: SentProbe) => Promise<Located> = async () => ({ state: 'absent' }),
) {
  const keys: (string | undefined)[] = [];
  const probes: SentProbe[] = [];
  const chat: ChatPort = {
    send: async (_dialog, _text, _keyboard, options) => {
      keys.push(options?.key);
      return answer(options?.key);
    },
    update: async () => undefined,
    locate: async (_dialog, probe) => {
      probes.push(probe);
      return locate(probe);
    },
  };
  const sent = memorySent();
  const log = createLogger({ level: 'silent', format: 'json', secrets: createSecrets() });
  return {
    keys,
    probes,
    sent,
    deps: {
      chat,
      sent,
      scheduleTimer: async () => undefined,
      now: () => new Date(NOW),
      settleMs: 30_000,
      log,
    },
  };
}

const serverError = () =>
  new BitrixHttpError('imbot.v2.Chat.Message.send', 'server', 500, {
    code: 'INTERNAL_SERVER_ERROR',
  });

describe('doing effects once', () => {
  it('sends each unmarked effect with its id as the key, and marks it', async () => {
    const { keys, sent, probes, deps: d } = deps(async () => 501);
    await sent.mark('c-e1', { kind: 'sent', messageId: 500 });
    await runEffects(d, 'c', [send('c-e1'), send('c-e2')]);
    expect(keys).toEqual(['c-e2']);
    expect(sent.marks.get('c-e2')).toEqual({ kind: 'sent', messageId: 501 });
    expect(probes).toEqual([]); // a first try reads nothing back
  });

  it('marks a message the portal refuses for good, and goes on with the others', async () => {
    const { sent, deps: d } = deps(async (key) => {
      if (key === 'c-e1') {
        throw new BitrixApiError('imbot.v2.Chat.Message.send', 'ACCESS_DENIED', 'no', 400);
      }
      return 7;
    });
    await runEffects(d, 'c', [send('c-e1'), send('c-e2')]);
    expect([...sent.marks]).toEqual([
      ['c-e1', { kind: 'refused' }],
      ['c-e2', { kind: 'sent', messageId: 7 }],
    ]);
  });

  it('keeps a send answered by a 500 as attempted: it may have landed', async () => {
    const { sent, deps: d } = deps(async () => {
      throw serverError();
    });
    await expect(runEffects(d, 'c', [send('c-e1')])).rejects.toBeInstanceOf(BitrixHttpError);
    expect(sent.marks.get('c-e1')).toEqual({ kind: 'attempted', at: NOW, lastAt: NOW });
  });

  it('reads the dialog back before repeating an attempted send, and does not send what landed', async () => {
    const {
      keys,
      sent,
      probes,
      deps: d,
    } = deps(
      async () => 900,
      async () => ({ state: 'found', messageId: 812 }),
    );
    await sent.mark('c-e1', { kind: 'attempted', at: NOW - 60_000, lastAt: NOW - 60_000 });
    await runEffects(d, 'c', [send('c-e1')]);
    expect(keys).toEqual([]);
    expect(probes).toEqual([{ key: 'c-e1', text: 'c-e1', since: NOW - 60_000 }]);
    expect(sent.marks.get('c-e1')).toEqual({ kind: 'sent', messageId: 812 });
  });

  it('repeats an attempted send the dialog does not hold, keeping the first try’s time for the search', async () => {
    const {
      keys,
      sent,
      deps: d,
    } = deps(async () => {
      throw serverError();
    });
    await sent.mark('c-e1', { kind: 'attempted', at: NOW - 90_000, lastAt: NOW - 60_000 });
    await expect(runEffects(d, 'c', [send('c-e1')])).rejects.toBeInstanceOf(BitrixHttpError);
    expect(keys).toEqual(['c-e1']);
    expect(sent.marks.get('c-e1')).toEqual({ kind: 'attempted', at: NOW - 90_000, lastAt: NOW });
  });

  it('repeats, with the same key, when the portal does not let the bot read back', async () => {
    const {
      keys,
      sent,
      deps: d,
    } = deps(
      async () => 901,
      async () => ({ state: 'unknown', reason: 'BOT_TYPE_NOT_ALLOWED' }),
    );
    await sent.mark('c-e1', { kind: 'attempted', at: NOW - 60_000, lastAt: NOW - 60_000 });
    await runEffects(d, 'c', [send('c-e1')]);
    expect(keys).toEqual(['c-e1']);
    expect(sent.marks.get('c-e1')).toEqual({ kind: 'sent', messageId: 901 });
  });

  it('forgets a first try the portal refused before running it (503)', async () => {
    const { sent, deps: d } = deps(async () => {
      throw new BitrixApiError('imbot.v2.Chat.Message.send', 'QUERY_LIMIT_EXCEEDED', '', 503);
    });
    await expect(runEffects(d, 'c', [send('c-e1')])).rejects.toThrow(/QUERY_LIMIT_EXCEEDED/);
    expect(sent.marks.size).toBe(0);
  });

  it('retries a send whose twin is still in progress on the portal', async () => {
    const { sent, deps: d } = deps(async () => {
      throw new BitrixApiError(
        'imbot.v2.Chat.Message.send',
        'MESSAGE_DUPLICATED_BY_UUID',
        'Message with this UUID is being sent',
        400,
      );
    });
    await expect(runEffects(d, 'c', [send('c-e1')])).rejects.toThrow(/MESSAGE_DUPLICATED_BY_UUID/);
    expect(sent.marks.get('c-e1')?.kind).toBe('attempted');
  });

  it('waits until a recent try has settled, with what follows it in that dialog, and goes on elsewhere', async () => {
    const { keys, sent, probes, deps: d } = deps(async () => 600);
    // First tried long ago, tried again 10 s ago: the last try is what must settle.
    await sent.mark('c-e1', { kind: 'attempted', at: NOW - 90_000, lastAt: NOW - 10_000 });
    const other: Effect = { type: 'send', id: 'c-e3', dialogId: '15', text: 'other' };
    const card: Effect = { type: 'update', id: 'c-e4', ref: 'c-e1', text: 'new', keyboard: null };
    const error = await runEffects(d, 'c', [send('c-e1'), send('c-e2'), other, card]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RetryLaterError);
    expect((error as RetryLaterError).retryAt).toBe(NOW + 20_000);
    expect(probes).toEqual([]); // not read back before the first try could have landed
    expect(keys).toEqual(['c-e3']);
    expect(sent.marks.get('c-e1')).toEqual({
      kind: 'attempted',
      at: NOW - 90_000,
      lastAt: NOW - 10_000,
    });
    expect(sent.marks.has('c-e2')).toBe(false);
    expect(sent.marks.has('c-e4')).toBe(false);
  });
});
