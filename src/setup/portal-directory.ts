import { z } from 'zod';
import type { BitrixClient } from '../bitrix/client.js';
import { BitrixResponseError } from '../bitrix/errors.js';
import type { Gender } from '../domain/department/department.js';

/** A department of the portal's company structure (department.get). */
export interface PortalDepartment {
  id: number;
  name: string;
  parent: number | undefined;
  /** The head's user id (`UF_HEAD`), when the portal has one. */
  head: number | undefined;
}

/** A user as user.get describes one: enough to write and to check a department file. */
export interface PortalUser {
  id: number;
  active: boolean;
  firstName: string;
  lastName: string;
  gender: Gender | undefined;
  departments: number[];
  timeZone: string;
}

const optionalId = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) =>
    v === undefined || v === null || v === '' || Number(v) <= 0 ? undefined : Number(v),
  );

/** One row of department.get (api-reference/departments/department-get.md). */
const departmentRowSchema = z.looseObject({
  ID: z.coerce.number().int().positive(),
  NAME: z.string(),
  PARENT: optionalId,
  UF_HEAD: optionalId,
});

const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');

/** One row of user.get (api-reference/user/user-get.md). */
const userRowSchema = z.looseObject({
  ID: z.coerce.number().int().positive(),
  ACTIVE: z
    .union([z.boolean(), z.string()])
    .transform((v) => v === true || v === 'Y' || v === 'true'),
  NAME: text,
  LAST_NAME: text,
  PERSONAL_GENDER: z
    .string()
    .nullish()
    .transform((v): Gender | undefined => (v === 'M' ? 'male' : v === 'F' ? 'female' : undefined)),
  UF_DEPARTMENT: z
    .union([z.array(z.coerce.number()), z.coerce.number(), z.null(), z.literal(false)])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : typeof v === 'number' ? [v] : [])),
  TIME_ZONE: text,
});

function parseRows<T extends z.ZodType>(method: string, schema: T, rows: unknown[]): z.infer<T>[] {
  return rows.map((row, index) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BitrixResponseError(
        method,
        `result[${index}].${issue?.path.join('.') ?? ''}`,
        issue?.message ?? 'unexpected',
      );
    }
    return parsed.data;
  });
}

/** The company structure: every department, with its parent and head. */
export async function readDepartments(client: BitrixClient): Promise<PortalDepartment[]> {
  const rows = await client.fetchAll('department.get', { sort: 'ID', order: 'ASC' });
  return parseRows('department.get', departmentRowSchema, rows).map((row) => ({
    id: row.ID,
    name: row.NAME,
    parent: row.PARENT,
    head: row.UF_HEAD,
  }));
}

/** Users by id (dismissed ones included: user.get lists them with ACTIVE=false). */
export async function readUsers(
  client: BitrixClient,
  filter: { ids: readonly number[] } | { department: number; activeOnly: true },
): Promise<PortalUser[]> {
  if ('ids' in filter && filter.ids.length === 0) {
    return [];
  }
  const FILTER =
    'ids' in filter ? { ID: [...filter.ids] } : { UF_DEPARTMENT: filter.department, ACTIVE: true };
  const rows = await client.fetchAll('user.get', { FILTER, sort: 'ID', order: 'ASC' });
  return parseRows('user.get', userRowSchema, rows).map((row) => ({
    id: row.ID,
    active: row.ACTIVE,
    firstName: row.NAME,
    lastName: row.LAST_NAME,
    gender: row.PERSONAL_GENDER,
    departments: row.UF_DEPARTMENT,
    timeZone: row.TIME_ZONE,
  }));
}
