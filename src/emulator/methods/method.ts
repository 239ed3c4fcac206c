import type { PortalState } from '../portal-state.js';

/** Who is calling: the app (webhook or OAuth client) and the user it acts as. */
export interface CallerContext {
  state: PortalState;
  appKey: string;
  userId: number;
  /** Webhook calls must carry the bot's token on imbot.v2 methods. */
  viaWebhook: boolean;
  /** The scopes of the webhook or application. */
  scopes: ReadonlySet<string>;
}

export interface MethodAnswer {
  result: unknown;
  total?: number;
  next?: number;
  /** Rows the method looked at: it drives the simulated operating time. */
  scanned?: number;
}

export interface MethodDefinition {
  scope: string;
  handler: (params: Record<string, unknown>, context: CallerContext) => MethodAnswer;
}
