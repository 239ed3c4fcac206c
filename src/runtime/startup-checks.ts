import { isPermanentBitrixError, type BitrixApiError } from '../bitrix/errors.js';
import type { AppContext } from '../context.js';
import { within } from '../lib/within.js';
import type { HealthServer } from './health-server.js';
import { StartupError } from './startup-error.js';

/** Takes the health port, or says in one sentence why not. */
export async function listenOrExplain(
  health: HealthServer,
  port: number,
  host: string,
): Promise<number> {
  try {
    return await health.listen(port, host);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new StartupError(
      code === 'EADDRINUSE'
        ? `the health port ${host}:${port} is in use: stop what listens there or set HEALTH_PORT`
        : `the health endpoint cannot listen on ${host}:${port} (${code ?? String(error)})`,
      { cause: error },
    );
  }
}

/**
 * One cheap call before anything runs: a portal that refuses the webhook or the token (wrong,
 * deleted, no scope) stops the start with its code; a portal that does not answer in 5 s is
 * only logged, since the service retries it anyway.
 */
export async function checkPortal(ctx: AppContext): Promise<void> {
  let refusal: unknown;
  const answered = await within(
    ctx.bitrix.call('user.current', {}, { kind: 'read', attempts: 1 }),
    5_000,
    (error) => {
      refusal = error;
    },
  );
  if (refusal !== undefined && isPermanentBitrixError(refusal)) {
    const error = refusal as BitrixApiError;
    throw new StartupError(
      `the portal refused the start-up check: ${error.code}${error.description ? ` (${error.description})` : ''}`,
      { cause: refusal },
    );
  }
  if (!answered || refusal !== undefined) {
    ctx.log.warn({ err: refusal }, 'the portal did not answer the start-up check; going on');
  }
}
