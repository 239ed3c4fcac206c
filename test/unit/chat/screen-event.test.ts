import { describe, expect, it } from 'vitest';
import { screenEvent } from '../../../src/chat/screen-event.js';
import type { InboxEvent } from '../../../src/store/event-inbox.js';

const screen = screenEvent({ botId: 50, isKnown: (id) => id === 1 || id === 11 });
const event = (data: Record<string, unknown>): InboxEvent => ({
  eventId: 9,
  type: 'ONIMBOTV2MESSAGEADD',
  date: '2026-11-24T09:00:00+03:00',
  data: { bot: { id: 50 }, ...data },
});
const text = (userId: number, dialogId: string, extra: Record<string, unknown> = {}) =>
  event({
    message: { id: 1, text: 'ок все' },
    chat: { dialogId },
    user: { id: userId },
    ...extra,
  });

describe('screening fetched events before they are stored', () => {
  it('keeps what the standup needs, as it came', () => {
    const known = text(1, '1');
    expect(screen(known)).toBe(known);
  });

  it("leaves out another bot's events and a group chat's plain text", () => {
    expect(screen(event({ bot: { id: 51 }, message: { text: 'ок все' } }))).toBeUndefined();
    expect(screen(text(1, 'chat42'))).toBeUndefined();
    const command = text(1, 'chat42', { command: { command: 'status' } });
    expect(screen(command)).toBe(command);
  });

  it("keeps a stranger's event without its text", () => {
    const screened = screen(text(77, '77'));
    expect((screened?.data as { message: { text: string } }).message.text).toBe('');
  });
});
