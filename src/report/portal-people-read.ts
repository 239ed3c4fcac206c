import { DateTime } from 'luxon';
import { z } from 'zod';
import type { BatchCommand, BatchOutcome } from '../bitrix/batch.js';
import { BitrixApiError, BitrixHttpError } from '../bitrix/errors.js';
import type { IsoDay } from '../domain/calendar.js';
import type { Gender } from '../domain/department/department.js';
import type { PortalPeople, PortalPerson } from '../domain/people/portal-people.js';
import { absencesFromAccessibility } from './portal-absences.js';

/** Whom and which days a people read is about. */
export interface PeopleQuery {
  userIds: readonly number[];
  /** The calendar's days away are read over `from`..`to`. */
  from: IsoDay;
  to: IsoDay;
  /** The day "away now" (im.user.list.get `absent`) starts on, in the department's zone. */
  today: IsoDay;
  zone: string;
}

/** A people method the portal would not answer, as it said it (logged once, never guessed). */
export interface PeopleRefusal {
  method: string;
  code: string;
  description: string;
}

export type RunBatch = (
  commands: Record<string, BatchCommand>,
) => Promise<Record<string, BatchOutcome>>;

/** user.get and im.user.list.get each take up to 50 ids per sub-call (user.get pages by 50). */
const IDS_PER_CALL = 50;

const flag = z
  .union([z.boolean(), z.string(), z.number()])
  .transform((v) => v === true || v === 'Y' || v === 'true' || v === 1 || v === '1');
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');
const gender = z
  .string()
  .nullish()
  .transform((v): Gender | undefined => (v === 'M' ? 'male' : v === 'F' ? 'female' : undefined));

/** One row of user.get (api-reference/user/user-get.md); ACTIVE false = dismissed. */
const userRowSchema = z.looseObject({
  ID: z.coerce.number().int().positive(),
  ACTIVE: flag,
  NAME: text,
  LAST_NAME: text,
  PERSONAL_GENDER: gender,
});
const userRowsSchema = z.array(userRowSchema);

/**
 * One user of im.user.list.get (api-reference/chats/users/im-user-list-get.md): `absent` is
 * the date the user's absence ends (ATOM), or false.
 */
const imUserSchema = z.looseObject({
  id: z.coerce.number().int().positive(),
  active: flag,
  first_name: text,
  last_name: text,
  gender,
  absent: z.union([z.literal(false), z.string(), z.null()]).optional(),
});
/** An array with RESULT_TYPE=array; otherwise an object keyed by user id (`[]` when empty). */
const imUsersSchema = z.union([
  z.array(imUserSchema),
  z.record(z.string(), imUserSchema).transform((byId) => Object.values(byId)),
]);

/**
 * Reads what the portal says about these people in one batch request: user.get (active,
 * names, gender), im.user.list.get (who is away now, and until when) and
 * calendar.accessibility.get (whole days away in the period). A method the portal refuses
 * (scope missing, method not found, a server error) leaves its part unknown and is reported
 * with its own name and code; the other parts stand.
 */
export async function readPortalPeople(
  batch: RunBatch,
  query: PeopleQuery,
): Promise<{ people: PortalPeople; refusals: PeopleRefusal[] }> {
  const ids = [...new Set(query.userIds)].sort((a, b) => a - b);
  if (ids.length === 0) {
    return { people: {}, refusals: [] };
  }
  const chunks: number[][] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_CALL) {
    chunks.push(ids.slice(start, start + IDS_PER_CALL));
  }
  const commands: Record<string, BatchCommand> = {};
  chunks.forEach((chunk, i) => {
    commands[`user${i}`] = { method: 'user.get', params: { FILTER: { ID: chunk } } };
    commands[`im${i}`] = {
      method: 'im.user.list.get',
      params: { ID: chunk, RESULT_TYPE: 'array' },
    };
  });
  commands.calendar = {
    method: 'calendar.accessibility.get',
    params: { users: ids, from: query.from, to: query.to },
  };
  let outcomes: Record<string, BatchOutcome>;
  try {
    outcomes = await batch(commands);
  } catch (error) {
    if (error instanceof BitrixApiError || error instanceof BitrixHttpError) {
      return { people: {}, refusals: [refusalOf('batch', error)] };
    }
    throw error;
  }
  const refusals: PeopleRefusal[] = [];
  const part = <T>(method: string, keys: string[], parse: (results: unknown[]) => T) => {
    const results: unknown[] = [];
    for (const key of keys) {
      const outcome = outcomes[key];
      if (outcome?.ok !== true) {
        refusals.push(
          outcome === undefined
            ? { method, code: 'unexpected_response', description: `${key} missing from the batch` }
            : refusalOf(method, outcome.error),
        );
        return undefined;
      }
      results.push(outcome.result);
    }
    try {
      return parse(results);
    } catch (error) {
      refusals.push({ method, code: 'unexpected_response', description: describe(error) });
      return undefined;
    }
  };
  const keys = (prefix: string) => chunks.map((_, i) => `${prefix}${i}`);
  const fromUsers = part('user.get', keys('user'), (results) =>
    results
      .flatMap((r) => userRowsSchema.parse(r))
      .map((row): PortalPerson => ({
        userId: row.ID,
        active: row.ACTIVE,
        firstName: row.NAME,
        lastName: row.LAST_NAME,
        ...(row.PERSONAL_GENDER === undefined ? {} : { gender: row.PERSONAL_GENDER }),
      })),
  );
  const fromIm = part('im.user.list.get', keys('im'), (results) =>
    results.flatMap((r) => imUsersSchema.parse(r)),
  );
  const calendar = part('calendar.accessibility.get', ['calendar'], ([result]) =>
    absencesFromAccessibility(result, query.zone),
  );
  const persons = personsOf(fromUsers, fromIm);
  const people: PortalPeople = {
    ...(persons === undefined ? {} : { persons }),
    ...(fromIm === undefined ? {} : { awayUntil: awayUntilOf(fromIm, query.zone, query.today) }),
    ...(calendar === undefined ? {} : { calendar }),
  };
  return { people, refusals };
}

type ImUser = z.infer<typeof imUserSchema>;

/** user.get's answer; im.user.list.get's when user.get was refused (it has active and names too). */
function personsOf(
  fromUsers: PortalPerson[] | undefined,
  fromIm: ImUser[] | undefined,
): Map<number, PortalPerson> | undefined {
  const persons =
    fromUsers ??
    fromIm?.map((u): PortalPerson => ({
      userId: u.id,
      active: u.active,
      firstName: u.first_name,
      lastName: u.last_name,
      ...(u.gender === undefined ? {} : { gender: u.gender }),
    }));
  return persons === undefined ? undefined : new Map(persons.map((p) => [p.userId, p]));
}

/**
 * The absence's end as a day in the department's zone, taken as the last day away (the
 * absence chart records whole days; the docs do not say whether the end is inclusive, and
 * asking someone on the last day of a vacation is the worse mistake). A value that is not a
 * date still says "away now": today then.
 */
function awayUntilOf(users: readonly ImUser[], zone: string, today: IsoDay): Map<number, IsoDay> {
  const until = new Map<number, IsoDay>();
  for (const user of users) {
    if (typeof user.absent !== 'string' || user.absent.trim() === '') {
      continue;
    }
    const value = user.absent.trim();
    const day = /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? value
      : DateTime.fromISO(value, { setZone: true }).setZone(zone).toISODate();
    until.set(user.id, day ?? today);
  }
  return until;
}

function refusalOf(method: string, error: BitrixApiError | BitrixHttpError): PeopleRefusal {
  return error instanceof BitrixApiError
    ? { method, code: error.code, description: error.description }
    : {
        method,
        code: error.status === undefined ? error.reason : `HTTP ${error.status}`,
        description: error.message,
      };
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    return `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unexpected'}`;
  }
  return String(error);
}
