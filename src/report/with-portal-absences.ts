import type { Department } from '../domain/department/department.js';
import { withAbsences } from '../domain/availability.js';
import type { IsoDay } from '../domain/calendar.js';
import type { Logger } from '../lib/logger.js';
import type { CrmReader } from './crm-reader.js';

/**
 * The department with the days away the portal's calendar shows between `from` and `to` for
 * `userIds` added to the file's. Without a readable calendar the file's alone, said once.
 */
export async function withPortalAbsences(
  reader: CrmReader,
  dept: Department,
  range: { userIds: readonly number[]; from: IsoDay; to: IsoDay; zone: string },
  log: Logger | undefined,
): Promise<Department> {
  if (reader.absences === undefined) {
    return dept;
  }
  const found = await reader.absences(range);
  if (found === undefined) {
    log?.warn(
      'the portal calendar cannot be read (calendar scope): days away come from the department file only',
    );
    return dept;
  }
  return withAbsences(dept, found);
}
