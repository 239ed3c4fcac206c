import { botObject } from './bot-access.js';
import { EmulatorError } from './emulator-error.js';
import {
  portalNow,
  privateConversation,
  type ChatMessage,
  type PortalState,
  type RegisteredBot,
} from './portal-state.js';
import { formatTime } from './table.js';

/** What people do in the chat; each action produces the events a bot would fetch. */
export interface UserWrites {
  fromUserId: number;
  /** The bot's id for a private dialog, or "chat<id>" for a group chat (the bot must be mentioned). */
  to: number | string;
  text: string;
  /** The id of the message this one replies to (the chat's "Ответить"). */
  replyTo?: number;
}

export interface ButtonPress {
  fromUserId: number;
  messageId: number;
  /** The button's text, or its command ("/approve" or "approve"). */
  button: string;
}

/** imbot.v2's User object (entities.md#user), as events and Bot.register's `users[]` carry it. */
export function userObject(state: PortalState, userId: number) {
  const user = state.users.get(userId);
  if (user === undefined) {
    throw new EmulatorError('USER_NOT_FOUND', `no user ${userId}`);
  }
  return {
    id: user.id,
    active: user.active,
    name: `${user.name} ${user.lastName}`.trim(),
    firstName: user.name,
    lastName: user.lastName,
    workPosition: user.workPosition,
    color: '#df532d',
    avatar: '',
    // The User object's gender is always M or F; the im module reads an unset one as M.
    gender: user.gender ?? 'M',
    birthday: '',
    extranet: false,
    bot: user.isBot,
    connector: false,
    externalAuthId: user.isBot ? 'bot' : 'default',
    status: 'online',
    idle: false,
    lastActivityDate: formatTime(portalNow(state), state.zone),
    absent: false,
    departments: user.departments,
    phones: false,
    type: user.isBot ? 'bot' : 'employee',
  };
}

/** Numeric chat id of a conversation: a group's own id, or a stable id per private dialog. */
export function chatIdOf(conversation: string): number {
  const group = /^chat(\d+)$/.exec(conversation);
  if (group !== null) {
    return Number(group[1]);
  }
  const [a = 0, b = 0] = conversation.split(':').map(Number);
  return 500_000 + ((a * 7919 + b) % 400_000);
}

function chatObject(
  state: PortalState,
  conversation: string,
  bot: RegisteredBot,
  otherUserId: number,
) {
  const group = /^chat(\d+)$/.exec(conversation);
  const chat = group === null ? undefined : state.chats.get(Number(group[1]));
  return {
    id: chatIdOf(conversation),
    dialogId: chat === undefined ? String(otherUserId) : conversation,
    type: chat === undefined ? 'private' : 'chat',
    name: chat?.title ?? '',
    entityType: '',
    owner: chat === undefined ? bot.id : otherUserId,
    avatar: '',
    color: '#ab7761',
  };
}

export function messageObject(state: PortalState, message: ChatMessage) {
  return {
    id: message.id,
    chatId: chatIdOf(message.conversation),
    authorId: message.authorId,
    date: formatTime(message.date, state.zone),
    text: message.text,
    isSystem: false,
    uuid: message.uuid ?? '',
    forward: null,
    // The im module keeps a reply's target in the message params as REPLY_ID.
    params: message.replyId === undefined ? {} : { REPLY_ID: message.replyId },
    viewedByOthers: false,
  };
}

function pushEvent(
  state: PortalState,
  bot: RegisteredBot,
  type: string,
  data: Record<string, unknown>,
): number {
  const eventId = ++state.counters.event;
  bot.events.push({
    eventId,
    type,
    date: portalNow(state),
    data: { bot: botObject(bot), ...data, language: 'ru' },
  });
  return eventId;
}

function botFor(
  state: PortalState,
  to: number | string,
  text: string,
): { bot: RegisteredBot; conversation: string }[] {
  if (typeof to === 'number') {
    const bot = state.bots.get(to);
    if (bot === undefined) {
      throw new EmulatorError('BOT_NOT_FOUND', `no bot ${to}`);
    }
    return [{ bot, conversation: '' }];
  }
  const chat = state.chats.get(Number(/^chat(\d+)$/.exec(to)?.[1]));
  if (chat === undefined) {
    throw new EmulatorError('CHAT_NOT_FOUND', `no chat ${to}`);
  }
  return [...state.bots.values()]
    .filter((bot) => chat.members.has(bot.id) && new RegExp(`\\[user=${bot.id}\\]`, 'i').test(text))
    .map((bot) => ({ bot, conversation: to }));
}

/** A person writes: a registered "/command" becomes COMMANDADD, anything else MESSAGEADD. */
export function userWrites(
  state: PortalState,
  action: UserWrites,
): { messageId: number; eventIds: number[] } {
  const targets = botFor(state, action.to, action.text);
  const conversation =
    typeof action.to === 'number' ? privateConversation(action.fromUserId, action.to) : action.to;
  const id = ++state.counters.message;
  const message: ChatMessage = {
    id,
    conversation,
    authorId: action.fromUserId,
    text: action.text,
    keyboard: undefined,
    pressed: new Set(),
    date: portalNow(state),
    editedAt: undefined,
    ...(action.replyTo === undefined ? {} : { replyId: action.replyTo }),
  };
  state.messages.set(id, message);
  const eventIds = targets.map(({ bot }) => {
    const base = {
      message: messageObject(state, message),
      chat: chatObject(state, conversation, bot, action.fromUserId),
      user: userObject(state, action.fromUserId),
    };
    const [word = '', ...rest] = action.text.trim().split(/\s+/);
    const commandId = word.startsWith('/')
      ? bot.commands.get(word.slice(1).toLowerCase())
      : undefined;
    return commandId === undefined
      ? pushEvent(state, bot, 'ONIMBOTV2MESSAGEADD', base)
      : pushEvent(state, bot, 'ONIMBOTV2COMMANDADD', {
          ...base,
          command: {
            id: commandId,
            command: word.toLowerCase(),
            params: rest.join(' '),
            context: 'textarea',
          },
        });
  });
  return { messageId: id, eventIds };
}

/** A person edits their own message: MESSAGEUPDATE for the bots that saw it. */
export function userEdits(
  state: PortalState,
  fromUserId: number,
  messageId: number,
  text: string,
): number[] {
  const message = state.messages.get(messageId);
  if (message === undefined || message.authorId !== fromUserId) {
    throw new EmulatorError('MESSAGE_NOT_FOUND', 'not your message');
  }
  message.text = text;
  message.editedAt = portalNow(state);
  return [...state.bots.values()]
    .filter(
      (bot) =>
        message.conversation === privateConversation(fromUserId, bot.id) ||
        message.conversation.startsWith('chat'),
    )
    .map((bot) =>
      pushEvent(state, bot, 'ONIMBOTV2MESSAGEUPDATE', {
        message: messageObject(state, message),
        chat: chatObject(state, message.conversation, bot, fromUserId),
        user: userObject(state, fromUserId),
      }),
    );
}

/** A person presses a COMMAND button under a bot message: COMMANDADD with context "keyboard". */
export function userPresses(state: PortalState, press: ButtonPress): number {
  const message = state.messages.get(press.messageId);
  const bot = message === undefined ? undefined : state.bots.get(message.authorId);
  if (message === undefined || bot === undefined || message.keyboard === undefined) {
    throw new EmulatorError('MESSAGE_NOT_FOUND', 'no bot message with buttons');
  }
  const canSee =
    message.conversation === privateConversation(press.fromUserId, bot.id) ||
    (message.conversation.startsWith('chat') &&
      state.chats.get(Number(message.conversation.slice(4)))?.members.has(press.fromUserId) ===
        true);
  if (!canSee) {
    throw new EmulatorError('ACCESS_DENIED', 'the user is not in this dialog', 403);
  }
  const wanted = press.button.replace(/^\//, '').toLowerCase();
  const index = message.keyboard.findIndex(
    (b) =>
      b.TEXT.toLowerCase() === press.button.toLowerCase() ||
      (b.COMMAND ?? '').replace(/^\//, '').toLowerCase() === wanted,
  );
  const button = message.keyboard[index];
  if (button === undefined || button.COMMAND === undefined) {
    throw new EmulatorError('BUTTON_NOT_FOUND', `no command button "${press.button}"`);
  }
  if (button.DISABLED === 'Y' || (button.BLOCK === 'Y' && message.pressed.has(index))) {
    throw new EmulatorError('BUTTON_BLOCKED', `the button "${button.TEXT}" is blocked`);
  }
  message.pressed.add(index);
  const name = button.COMMAND.replace(/^\//, '');
  return pushEvent(state, bot, 'ONIMBOTV2COMMANDADD', {
    command: {
      id: bot.commands.get(name) ?? 0,
      command: `/${name}`,
      params: button.COMMAND_PARAMS ?? '',
      context: 'keyboard',
    },
    message: messageObject(state, message),
    chat: chatObject(state, message.conversation, bot, press.fromUserId),
    user: userObject(state, press.fromUserId),
  });
}

/** Adds the bot to a group chat: JOINCHAT. */
export function botJoins(
  state: PortalState,
  botId: number,
  chatId: number,
  byUserId: number,
): number {
  const bot = state.bots.get(botId);
  const chat = state.chats.get(chatId);
  if (bot === undefined || chat === undefined) {
    throw new EmulatorError('NOT_FOUND', 'no such bot or chat');
  }
  chat.members.add(botId);
  return pushEvent(state, bot, 'ONIMBOTV2JOINCHAT', {
    dialogId: `chat${chatId}`,
    chat: chatObject(state, `chat${chatId}`, bot, byUserId),
    user: userObject(state, byUserId),
  });
}
