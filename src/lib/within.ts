/**
 * Waits for `work` at most `ms`: `true` when it settled in time (resolved or rejected; a
 * rejection is passed to `onError`), `false` when the time ran out (the work goes on unwatched).
 */
export async function within(
  work: Promise<unknown>,
  ms: number,
  onError: (error: unknown) => void = () => undefined,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = work.then(
    () => true as const,
    (error: unknown) => {
      onError(error);
      return true as const;
    },
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
