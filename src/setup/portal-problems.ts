import type { ConfigProblem } from '../config/config-error.js';
import type { Department } from '../domain/department/department.js';
import { fullName } from '../domain/people/portal-people.js';
import type { NeededScope } from './needed-scopes.js';
import type { PortalDepartment, PortalUser } from './portal-directory.js';

/** What the portal said, each part undefined when it could not be asked (a scope missing). */
export interface PortalFacts {
  scopes: ReadonlySet<string> | undefined;
  users: ReadonlyMap<number, PortalUser> | undefined;
  departments: readonly PortalDepartment[] | undefined;
  bot:
    | { state: 'not_registered' }
    | { state: 'registered'; id: number }
    | { state: 'missing'; id: number }
    | { state: 'unknown'; id: number; reason: string };
}

export interface PortalCheck {
  problems: ConfigProblem[];
  /** Worth knowing, not wrong: the bot runs as it is. */
  notes: string[];
}

/**
 * The department file against the portal, every problem at once with its path: each user id
 * exists, is active and belongs to the department (or one under it); the head and deputies
 * exist and are active; the webhook has the scopes the file needs; the bot is registered.
 */
export function portalProblems(
  dept: Department,
  facts: PortalFacts,
  needed: readonly NeededScope[],
  authPath: string,
): PortalCheck {
  const problems: ConfigProblem[] = [];
  const notes: string[] = [];
  for (const need of needed) {
    if (
      facts.scopes === undefined ||
      [need.scope, ...need.orAnyOf].some((s) => facts.scopes?.has(s))
    ) {
      continue;
    }
    const text = `the webhook lacks the scope "${need.scope}", needed for ${need.why}`;
    if (need.optional) {
      notes.push(`${text} (optional)`);
    } else {
      problems.push({ path: authPath, message: text });
    }
  }
  if (facts.scopes === undefined) {
    notes.push('the portal did not list the webhook\'s scopes ("scope"): they were not checked');
  }
  const portalDept =
    dept.portalId === undefined
      ? undefined
      : facts.departments?.find((d) => d.id === dept.portalId);
  if (dept.portalId !== undefined && facts.departments !== undefined && portalDept === undefined) {
    problems.push({
      path: 'department.portal_id',
      message: `the portal has no department ${dept.portalId}`,
    });
  }
  const within =
    portalDept === undefined ? undefined : subtree(portalDept.id, facts.departments ?? []);
  const person = (path: string, userId: number, role: string, member: boolean) => {
    const user = facts.users?.get(userId);
    if (facts.users === undefined) {
      return;
    }
    if (user === undefined) {
      problems.push({ path, message: `user ${userId} is not on the portal` });
    } else if (!user.active) {
      problems.push({ path, message: `user ${userId} (${nameOf(user)}) was dismissed: ${role}` });
    } else if (member && within !== undefined && !user.departments.some((d) => within.has(d))) {
      problems.push({
        path,
        message: `user ${userId} (${nameOf(user)}) is not in department ${portalDept?.id} "${portalDept?.name}"`,
      });
    }
  };
  dept.managers.forEach((m, i) =>
    person(`managers[${i}].user_id`, m.userId, 'remove this manager from the file', true),
  );
  person('head.user_id', dept.head.userId, 'name the new head', false);
  dept.head.deputies.forEach((id, i) =>
    person(`head.deputies[${i}]`, id, 'remove this deputy', false),
  );
  if (portalDept?.head !== undefined && portalDept.head !== dept.head.userId) {
    const head = facts.users?.get(portalDept.head);
    notes.push(
      `the portal's head of "${portalDept.name}" is user ${portalDept.head}${head ? ` (${nameOf(head)})` : ''}, the file's is user ${dept.head.userId}`,
    );
  }
  if (facts.users === undefined) {
    notes.push('the portal did not list its users (user.get): the user ids were not checked');
  }
  if (dept.portalId === undefined) {
    notes.push(
      'department.portal_id is not set: whether the managers belong to the department was not checked',
    );
  }
  if (facts.bot.state === 'not_registered') {
    problems.push({ path: 'bot', message: 'not registered: run "standup-bot register-bot"' });
  } else if (facts.bot.state === 'missing') {
    problems.push({
      path: 'bot',
      message: `bot ${facts.bot.id} kept in Redis is not on the portal: run "standup-bot register-bot" again`,
    });
  } else if (facts.bot.state === 'unknown') {
    notes.push(`bot ${facts.bot.id} could not be checked on the portal: ${facts.bot.reason}`);
  }
  return { problems, notes };
}

/** A department and every department under it. */
function subtree(root: number, departments: readonly PortalDepartment[]): Set<number> {
  const ids = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const d of departments) {
      if (d.parent !== undefined && ids.has(d.parent) && !ids.has(d.id)) {
        ids.add(d.id);
        grew = true;
      }
    }
  }
  return ids;
}

function nameOf(user: PortalUser): string {
  return fullName(user) || `user ${user.id}`;
}
