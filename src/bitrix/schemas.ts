import { z } from 'zod';
import { BitrixResponseError } from './errors.js';

/**
 * Row schemas for the methods the bot reads, tolerant of the documented quirks: ids and
 * numbers as strings, booleans as "Y"/"N", `[]` for an empty object, `null` for nothing.
 * Only the fields the bot uses are declared; the rest pass through.
 */

const id = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number);
const optionalId = z
  .union([id, z.null(), z.literal('')])
  .transform((v) => (v === null || v === '' ? undefined : v))
  .optional();
const yesNo = z
  .union([z.boolean(), z.enum(['Y', 'N', '1', '0', 'true', 'false'])])
  .transform((v) => v === true || v === 'Y' || v === '1' || v === 'true');
const number = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);
const dateTime = z.string().min(1);

export const activityRowSchema = z
  .object({
    ID: id,
    OWNER_ID: optionalId,
    OWNER_TYPE_ID: optionalId,
    TYPE_ID: optionalId,
    PROVIDER_ID: z.string().nullable().optional(),
    DIRECTION: optionalId,
    COMPLETED: yesNo.optional(),
    RESPONSIBLE_ID: optionalId,
    CREATED: dateTime.nullable().optional(),
    START_TIME: dateTime.nullable().optional(),
    END_TIME: dateTime.nullable().optional(),
    DEADLINE: dateTime.nullable().optional(),
    SUBJECT: z.string().nullable().optional(),
  })
  .loose();
export type ActivityRow = z.infer<typeof activityRowSchema>;

export const itemRowSchema = z
  .object({
    id,
    assignedById: optionalId,
    stageSemanticId: z.enum(['P', 'S', 'F']).nullable().optional(),
    opportunity: number.nullable().optional(),
    isReturnCustomer: yesNo.optional(),
    createdTime: dateTime.nullable().optional(),
    movedTime: dateTime.nullable().optional(),
    closedate: dateTime.nullable().optional(),
  })
  .loose();
export type ItemRow = z.infer<typeof itemRowSchema>;

export const callRowSchema = z
  .object({
    ID: id,
    PORTAL_USER_ID: optionalId,
    CALL_TYPE: optionalId,
    CALL_DURATION: number.default(0),
    CALL_FAILED_CODE: z.string().nullable().optional(),
    CALL_START_DATE: dateTime,
    CRM_ACTIVITY_ID: optionalId,
  })
  .loose();
export type CallRow = z.infer<typeof callRowSchema>;

export const userRowSchema = z
  .object({
    ID: id,
    ACTIVE: yesNo.optional(),
    NAME: z.string().nullable().optional(),
    LAST_NAME: z.string().nullable().optional(),
    TIME_ZONE: z.string().nullable().optional(),
    UF_DEPARTMENT: z.union([z.array(id), z.literal(false), z.null()]).optional(),
  })
  .loose();
export type UserRow = z.infer<typeof userRowSchema>;

export const departmentRowSchema = z
  .object({ ID: id, NAME: z.string(), PARENT: optionalId, UF_HEAD: optionalId })
  .loose();
export type DepartmentRow = z.infer<typeof departmentRowSchema>;

export const botEventsSchema = z.object({
  events: z.array(
    z.object({ eventId: id, type: z.string(), date: z.string(), data: z.unknown() }).loose(),
  ),
  nextOffset: id.nullable().optional(),
  hasMore: yesNo.default(false),
});
export type BotEventsPage = z.infer<typeof botEventsSchema>;

/** Parses `value` or throws a typed error naming the method and the first field that failed. */
export function parseAnswer<T>(method: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) {
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  throw new BitrixResponseError(
    method,
    issue?.path.join('.') || 'result',
    issue?.message ?? 'unexpected',
  );
}

/** Parses every row of a list page; one bad row is an error, not a silent `undefined`. */
export function parseRows<T>(method: string, schema: z.ZodType<T>, rows: readonly unknown[]): T[] {
  return rows.map((row, index) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) {
      return parsed.data;
    }
    const issue = parsed.error.issues[0];
    throw new BitrixResponseError(
      method,
      `[${index}].${issue?.path.join('.') ?? ''}`,
      issue?.message ?? 'unexpected',
    );
  });
}
