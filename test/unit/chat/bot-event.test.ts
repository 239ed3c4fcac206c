import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MalformedBotEventError, parseBotEvent } from '../../../src/chat/bot-event.js';

const messageData = JSON.parse(
  readFileSync('test/fixtures/bitrix/docs/imbot-v2-messageadd-data.json', 'utf8'),
) as Record<string, unknown>;
const envelope = (type: string, data: unknown) => ({
  eventId: 1001,
  type,
  date: '2025-01-15T10:30:00+01:00',
  data,
});

describe('bot events', () => {
  it('reads the documented ONIMBOTV2MESSAGEADD', () => {
    expect(parseBotEvent(envelope('ONIMBOTV2MESSAGEADD', messageData))).toEqual({
      type: 'message',
      eventId: 1001,
      messageId: 789,
      userId: 1,
      userName: 'John Smith',
      dialogId: 'chat5',
      chatType: 'chat',
      text: 'Hello bot!',
      at: '2025-01-15T10:30:00+02:00',
    });
  });

  it.each([
    ['params.REPLY_ID, as the im module keeps it', { params: { REPLY_ID: 555 } }],
    ['a string REPLY_ID, as a webhook sends it', { params: { REPLY_ID: '555' } }],
    ['a top-level replyId', { replyId: 555 }],
  ])('reads a reply from %s', (_name, extra) => {
    const message = { ...(messageData.message as object), ...extra };
    expect(
      parseBotEvent(envelope('ONIMBOTV2MESSAGEADD', { ...messageData, message })),
    ).toMatchObject({
      type: 'message',
      replyTo: 555,
    });
  });

  it("takes empty params (the documented {} or PHP's []) for no reply", () => {
    for (const params of [{}, [], { REPLY_ID: 0 }]) {
      const message = { ...(messageData.message as object), params };
      const event = parseBotEvent(envelope('ONIMBOTV2MESSAGEADD', { ...messageData, message }));
      expect(event).not.toHaveProperty('replyTo');
    }
  });

  it('reads a keyboard button press with its params', () => {
    const data = {
      ...messageData,
      command: { id: 78, command: '/approve', params: 'sales-20261124-11', context: 'keyboard' },
    };
    expect(parseBotEvent(envelope('ONIMBOTV2COMMANDADD', data))).toMatchObject({
      type: 'command',
      command: '/approve',
      params: 'sales-20261124-11',
      context: 'keyboard',
      userId: 1,
    });
  });

  it('accepts webhook-style string scalars', () => {
    const data = {
      ...messageData,
      message: {
        id: '789',
        authorId: '1',
        date: '2025-01-15T10:30:00+02:00',
        text: 'hi',
        isSystem: '0',
      },
      user: { id: '1', name: 'John', bot: '0' },
      chat: { id: '5', dialogId: '1', type: 'private' },
    };
    expect(
      parseBotEvent({ ...envelope('ONIMBOTV2MESSAGEADD', data), eventId: '1001' }),
    ).toMatchObject({ messageId: 789, userId: 1, eventId: 1001 });
  });

  it.each([
    [
      'a message from a bot',
      envelope('ONIMBOTV2MESSAGEADD', {
        ...messageData,
        user: { id: 9, name: 'Other bot', bot: true },
      }),
    ],
    ['a reaction', envelope('ONIMBOTV2REACTIONCHANGE', {})],
  ])('ignores %s', (_name, event) => {
    expect(parseBotEvent(event).type).toBe('ignored');
  });

  it.each([
    ['no envelope', null],
    ['no event id', { type: 'ONIMBOTV2MESSAGEADD', date: 'x', data: messageData }],
    [
      'a message without an author',
      envelope('ONIMBOTV2MESSAGEADD', { ...messageData, user: undefined }),
    ],
    [
      'a command without its name',
      envelope('ONIMBOTV2COMMANDADD', { ...messageData, command: { id: 1, command: '' } }),
    ],
    [
      'a user id that is not a number',
      envelope('ONIMBOTV2MESSAGEADD', { ...messageData, user: { id: '1; DROP', name: 'x' } }),
    ],
  ])('refuses %s with a clear error', (_name, event) => {
    expect(() => parseBotEvent(event)).toThrow(MalformedBotEventError);
  });
});
