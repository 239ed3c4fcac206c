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
}

/**
 * What the standup needs from a chat: send a message (returns the portal's message id) and
 * change one it sent (new text, new buttons, or `null` to take the buttons away).
 */
export interface ChatPort {
  send(
    dialogId: string,
    text: string,
    keyboard?: ChatKeyboard,
    options?: SendOptions,
  ): Promise<number>;
  update(messageId: number, text: string, keyboard: ChatKeyboard | null): Promise<void>;
}

/** The narrow slice of the REST client the chat adapter uses. */
export interface BitrixCaller {
  call(
    method: string,
    params: Record<string, unknown>,
    options: { kind: 'read' | 'write' },
  ): Promise<{ result: unknown }>;
}
