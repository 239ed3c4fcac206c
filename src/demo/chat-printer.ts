import type { EmulatorControl, TranscriptEntry } from '../emulator/control.js';
import { renderBbCode } from './render-bbcode.js';
import { attachLines } from './attach-lines.js';

export interface ChatPrinter {
  /** Prints every message not printed yet, in order. */
  flush(): void;
  note(text: string): void;
}

/**
 * Prints the portal's chat as people would see it: who wrote to whom, bot messages with their
 * buttons, BB-codes rendered for a terminal.
 */
export function createChatPrinter(
  control: EmulatorControl,
  botId: number,
  names: ReadonlyMap<number, string>,
  write: (line: string) => void,
  color: boolean,
): ChatPrinter {
  const seen = new Map<number, string>();
  const name = (id: number) => (id === botId ? 'Бот' : (names.get(id) ?? `#${id}`));
  const dim = (text: string) => (color ? `\u001b[2m${text}\u001b[0m` : text);
  const bold = (text: string) => (color ? `\u001b[1m${text}\u001b[0m` : text);
  const other = (entry: TranscriptEntry) => {
    const [a, b] = entry.conversation.split(':').map(Number);
    return entry.authorId === a ? (b ?? 0) : (a ?? 0);
  };
  return {
    flush() {
      for (const entry of control.transcript()) {
        const shown = `${entry.text}|${entry.buttons.map((b) => b.text).join()}`;
        const before = seen.get(entry.id);
        if (before === shown) {
          continue;
        }
        seen.set(entry.id, shown);
        const to = entry.conversation.startsWith('chat') ? entry.conversation : name(other(entry));
        write('');
        write(
          bold(`${before === undefined ? '' : '✎ '}${name(entry.authorId)} → ${to}`) +
            dim(before === undefined ? '' : '  (сообщение обновлено)'),
        );
        for (const line of renderBbCode(entry.text, { color }).split('\n')) {
          write(`  ${line}`);
        }
        for (const line of attachLines(entry.attach)) {
          write(`  │ ${renderBbCode(line, { color })}`);
        }
        if (entry.buttons.length > 0) {
          write(`  ${entry.buttons.map((b) => `[ ${b.text} ]`).join(' ')}`);
        }
      }
    },
    note(text) {
      write('');
      write(dim(`— ${text}`));
    },
  };
}
