import type { ChatAttach } from '../domain/standup/attach-schema.js';

/** A button under a bot message; pressing it sends the registered `command` with `params`. */
export interface ChatButton {
  text: string;
  /** A registered command, with its slash: "/approve". */
  command: string;
  params?: string;
  tone?: 'primary' | 'secondary' | 'alert' | 'base';
}

/** Rows of buttons. */
export type ChatKeyboard = readonly (readonly ChatButton[])[];

export interface SendOptions {
  /**
   * The same key for the same message, every time it is tried: a send repeated after an
   * unclear failure (a timeout, a dropped connection) then makes no second message.
   */
  key?: string;
  /** A message attachment (ATTACH, full form) shown under the text. */
  attach?: ChatAttach;
}

/** A message the bot may already have sent: its key, its text, and when it was tried. */
export interface SentProbe {
  key: string;
  text: string;
  /** Epoch ms of the first try: only messages from then on can be it. */
  since: number;
}

/**
 * Whether the dialog holds the message: `found` (with its id), `absent`, or `unknown` when the
 * portal does not let the bot read the dialog back (the reason says why, for the log).
 */
export type Located =
  | { state: 'found'; messageId: number }
  | { state: 'absent' }
  | { state: 'unknown'; reason: string };

/**
 * What the standup needs from a chat: send a message (returns the portal's message id), change
 * one it sent (new text, new buttons, or `null` to take the buttons away), and read a dialog
 * back to learn whether a send whose answer was lost did land.
 */
export interface ChatPort {
  send(
    dialogId: string,
    text: string,
    keyboard?: ChatKeyboard,
    options?: SendOptions,
  ): Promise<number>;
  update(messageId: number, text: string, keyboard: ChatKeyboard | null): Promise<void>;
  locate(dialogId: string, probe: SentProbe): Promise<Located>;
}

/** The narrow slice of the REST client the chat adapter uses. */
export interface BitrixCaller {
  call(
    method: string,
    params: Record<string, unknown>,
    options: { kind: 'read' | 'write' },
  ): Promise<{ result: unknown }>;
}
