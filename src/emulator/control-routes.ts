import { asRecord, EmulatorError, text } from './emulator-error.js';
import type { EmulatorControl } from './control.js';
import { FAULT_KINDS, isFaultKind } from './faults.js';
import type { Row } from './table.js';

/** The control surface over HTTP (`/_emulator/<action>`), for a person exploring with curl. */
export function routeControl(
  control: EmulatorControl,
  action: string,
  params: Record<string, unknown>,
): { status: number; body: unknown } {
  try {
    return { status: 200, body: { result: run(control, action.replace(/\/$/, ''), params) } };
  } catch (error) {
    const e =
      error instanceof EmulatorError ? error : new EmulatorError('CONTROL_ERROR', String(error));
    return { status: e.status, body: { error: e.code, error_description: e.description } };
  }
}

function run(control: EmulatorControl, action: string, p: Record<string, unknown>): unknown {
  const num = (key: string) => Number(p[key]);
  switch (action) {
    case 'write':
      return control.userWrites({
        fromUserId: num('fromUserId'),
        to: /^\d+$/.test(text(p.to)) ? num('to') : text(p.to),
        text: text(p.text),
        ...(p.replyTo === undefined ? {} : { replyTo: num('replyTo') }),
      });
    case 'edit':
      return control.userEdits(num('fromUserId'), num('messageId'), text(p.text));
    case 'press':
      return control.userPresses({
        fromUserId: num('fromUserId'),
        messageId: num('messageId'),
        button: text(p.button),
      });
    case 'transcript':
      return control.transcript(p.conversation === undefined ? undefined : text(p.conversation));
    case 'fault': {
      const kind = text(p.kind);
      if (!isFaultKind(kind)) {
        throw new EmulatorError(
          'INVALID_ARG_VALUE',
          `kind must be one of ${FAULT_KINDS.join(', ')}`,
          400,
        );
      }
      control.injectFault({
        kind,
        method: p.method === undefined ? undefined : text(p.method),
        count: Number(p.count ?? 1),
        delayMs: p.delayMs === undefined ? undefined : num('delayMs'),
      });
      return true;
    }
    case 'expire-tokens':
      control.expireTokens();
      return true;
    case 'clock':
      if (p.set !== undefined) {
        control.setNow(new Date(text(p.set)));
      }
      if (p.advanceMs !== undefined) {
        control.advance(num('advanceMs'));
      }
      return control.now().toISOString();
    case 'add-activity':
      return control.addActivity(asRecord(p.row) as Row);
    case 'stats':
      return control.stats();
    default:
      throw new EmulatorError('CONTROL_NOT_FOUND', `unknown control action "${action}"`, 404);
  }
}
