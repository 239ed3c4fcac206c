import { z } from 'zod';

/** `time` of a response: how long it took and how much of the method's budget is spent. */
export const timeSchema = z
  .object({
    start: z.coerce.number().optional(),
    finish: z.coerce.number().optional(),
    duration: z.coerce.number().optional(),
    processing: z.coerce.number().optional(),
    date_start: z.string().optional(),
    date_finish: z.string().optional(),
    operating: z.coerce.number().optional(),
    /** Documented as a unix time; one example shows an ISO string. Both are read. */
    operating_reset_at: z.union([z.number(), z.string()]).optional(),
  })
  .loose();
export type BitrixTime = z.infer<typeof timeSchema>;

/** A successful answer: `result`, and for lists `total` and (when more rows exist) `next`. */
export interface BitrixEnvelope<T = unknown> {
  result: T;
  total?: number;
  next?: number;
  time?: BitrixTime;
}

const successSchema = z.object({
  result: z.unknown(),
  total: z.coerce.number().optional(),
  next: z.coerce.number().optional(),
  time: timeSchema.optional(),
});

export function parseSuccess(body: Record<string, unknown>): BitrixEnvelope | undefined {
  const parsed = successSchema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

/** `operating_reset_at` as milliseconds since the epoch, whatever form it came in. */
export function resetAtMs(value: number | string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value === 'number') {
    return value * 1000;
  }
  const asNumber = Number(value);
  if (Number.isFinite(asNumber)) {
    return asNumber * 1000;
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}
