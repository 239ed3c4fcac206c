import { describe, expect, it } from 'vitest';
import { BitrixApiError } from '../../../src/bitrix/errors.js';
import type { ChatPort } from '../../../src/chat/chat-port.js';
import type { Effect } from '../../../src/domain/standup/conversation-schema.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createSecrets } from '../../../src/lib/secrets.js';
import { runEffects } from '../../../src/standup/run-effects.js';
import type { SentMessages } from '../../../src/store/sent-messages.js';

function memorySent(): SentMessages & { marks: Map<string, number> } {
  const marks = new Map<string, number>();
  return {
    marks,
    get: async (id) => marks.get(id),
    getMany: async (ids) => ids.map((id) => marks.get(id)),
    mark: async (id, messageId) => {
      marks.set(id, messageId);
    },
  };
}

const send = (id: string): Effect => ({ type: 'send', id, dialogId: '14', text: id });

function deps(answer: (key: string | undefined) => Promise<number>) {
  const keys: (string | undefined)[] = [];
  const chat: ChatPort = {
    send: async (_dialog, _text, _keyboard, options) => {
      keys.push(options?.key);
      return answer(options?.key);
    },
    update: async () => undefined,
  };
  const sent = memorySent();
  const log = createLogger({ level: 'silent', format: 'json', secrets: createSecrets() });
  return { keys, sent, deps: { chat, sent, scheduleTimer: async () => undefined, log } };
}

describe('doing effects once', () => {
  it('sends each unmarked effect with its id as the key, and marks it', async () => {
    const { keys, sent, deps: d } = deps(async () => 501);
    await sent.mark('c-e1', 500);
    await runEffects(d, 'c', [send('c-e1'), send('c-e2')]);
    expect(keys).toEqual(['c-e2']);
    expect(sent.marks.get('c-e2')).toBe(501);
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
      ['c-e1', -1],
      ['c-e2', 7],
    ]);
  });

  it('retries, unmarked, a send whose twin is still in progress on the portal', async () => {
    const { sent, deps: d } = deps(async () => {
      throw new BitrixApiError(
        'imbot.v2.Chat.Message.send',
        'MESSAGE_DUPLICATED_BY_UUID',
        'Message with this UUID is being sent',
        400,
      );
    });
    await expect(runEffects(d, 'c', [send('c-e1')])).rejects.toThrow(/MESSAGE_DUPLICATED_BY_UUID/);
    expect(sent.marks.size).toBe(0);
  });
});
