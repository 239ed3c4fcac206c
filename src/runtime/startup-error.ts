/** The process cannot start: one sentence an operator can act on (the CLI prints it and exits 1). */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}
