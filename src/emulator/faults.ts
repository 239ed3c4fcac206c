/** Faults the control surface can inject into the next calls. */
export const FAULT_KINDS = [
  '503',
  '429',
  '500',
  'html',
  'reset',
  'delay',
  'expired_token',
  /** The call executes, then the connection drops before the answer: the caller cannot know. */
  'lost_answer',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export function isFaultKind(kind: string): kind is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(kind);
}

export interface FaultSpec {
  kind: FaultKind;
  /** Only calls to this method (case-insensitive); every method when omitted. */
  method?: string;
  /** How many matching calls it hits. */
  count: number;
  /**
   * For `delay`: how long the answer is held back (the call still executes). For `429`: when
   * the method unblocks, given as `time.operating_reset_at` (without it the body has no time).
   */
  delayMs?: number;
}

export interface FaultQueue {
  add(fault: FaultSpec): void;
  /** The fault that hits this call, if any (consuming one of its count). */
  take(method: string): FaultSpec | undefined;
  clear(): void;
}

export function createFaultQueue(): FaultQueue {
  let faults: FaultSpec[] = [];
  return {
    add: (fault) => {
      faults.push({ ...fault });
    },
    take(method) {
      const fault = faults.find(
        (f) => f.method === undefined || f.method.toLowerCase() === method.toLowerCase(),
      );
      if (fault === undefined) {
        return undefined;
      }
      fault.count -= 1;
      faults = faults.filter((f) => f.count > 0);
      return fault;
    },
    clear: () => {
      faults = [];
    },
  };
}
