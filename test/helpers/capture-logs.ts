import { Writable } from 'node:stream';

/** A Writable that keeps every line pino writes, so tests can read the log output. */
export function captureLogs(): { stream: Writable; lines: () => string[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const text = () => chunks.join('');
  return { stream, text, lines: () => text().split('\n').filter(Boolean) };
}
