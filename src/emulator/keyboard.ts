import { arrayish, asRecord, EmulatorError } from './emulator-error.js';
import type { BotButton, RegisteredBot } from './portal-state.js';

/**
 * Reads a keyboard in any documented form (a JSON string, `{ BUTTONS: [...] }`, or a bare
 * array) and checks every button: `TEXT` and exactly one action (`LINK`, `COMMAND`,
 * `ACTION` + `ACTION_VALUE`, `APP_ID`), or `TYPE: "NEWLINE"`; a `COMMAND` must be registered.
 */
export function readKeyboard(raw: unknown, bot: RegisteredBot): BotButton[] | undefined {
  if (raw === undefined || raw === null || raw === '' || raw === 'N') {
    return undefined;
  }
  let value: unknown = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new EmulatorError('SENDING_FAILED', 'keyboard: not valid JSON');
    }
  }
  const buttons = arrayish(value) ?? arrayish(asRecord(value).BUTTONS);
  if (buttons === undefined) {
    throw new EmulatorError('SENDING_FAILED', 'keyboard: expected BUTTONS');
  }
  return buttons.map((raw, index) => checkButton(asRecord(raw), index, bot));
}

function checkButton(
  button: Record<string, unknown>,
  index: number,
  bot: RegisteredBot,
): BotButton {
  if (button.TYPE === 'NEWLINE') {
    return { TEXT: '', TYPE: 'NEWLINE' };
  }
  if (typeof button.TEXT !== 'string' || button.TEXT === '') {
    throw new EmulatorError('SENDING_FAILED', `keyboard: button ${index} has no TEXT`);
  }
  const actions = ['LINK', 'COMMAND', 'ACTION', 'APP_ID'].filter(
    (key) => button[key] !== undefined && button[key] !== '',
  );
  if (actions.length !== 1) {
    throw new EmulatorError(
      'SENDING_FAILED',
      `keyboard: button ${index} needs exactly one of LINK, COMMAND, ACTION, APP_ID`,
    );
  }
  if (button.ACTION !== undefined && button.ACTION_VALUE === undefined) {
    throw new EmulatorError(
      'SENDING_FAILED',
      `keyboard: button ${index} has ACTION without ACTION_VALUE`,
    );
  }
  if (typeof button.COMMAND === 'string' && !bot.commands.has(button.COMMAND.replace(/^\//, ''))) {
    throw new EmulatorError(
      'SENDING_FAILED',
      `keyboard: button ${index} uses the unregistered command "${button.COMMAND}"`,
    );
  }
  return button as BotButton;
}
