/**
 * Not a failure: the work cannot be done before `retryAt` (epoch ms), and doing it then will
 * very likely succeed. The job worker delays the job to that time without spending one of its
 * attempts; the event poller leaves the event for a later round without counting a failure.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly retryAt: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'RetryLaterError';
  }
}
