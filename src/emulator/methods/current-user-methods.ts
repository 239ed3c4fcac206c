import { DateTime } from 'luxon';
import { portalNow, type PortalState, type PortalUser } from '../portal-state.js';
import { formatTime } from '../table.js';
import type { MethodDefinition } from './method.js';

/** The portal's first user created it and administers it, as on a new Bitrix24. */
const ADMIN_USER_ID = 1;

/** The dates a user object carries, from the portal's clock (the emulator keeps no history). */
function userDates(state: PortalState) {
  const now = DateTime.fromMillis(portalNow(state), { zone: state.zone });
  return {
    LAST_LOGIN: formatTime(now.startOf('day').plus({ hours: 8 }).toMillis(), state.zone),
    DATE_REGISTER: formatTime(now.startOf('year').toMillis(), state.zone),
    // The docs' example shows this one without the "T" and the offset.
    LAST_ACTIVITY_DATE: now.toFormat('yyyy-MM-dd HH:mm:ss'),
    // In batch.md's example of user.current, in the portal's site format.
    TIMESTAMP_X: now.startOf('year').toFormat('dd.MM.yyyy HH:mm:ss'),
  };
}

/**
 * `user.current`: the fields of the examples in api-reference/user/user-current.md and in
 * settings/how-to-call-rest-api/batch.md (which adds TIMESTAMP_X and leaves out WORK_POSITION).
 */
function currentUser(state: PortalState, user: PortalUser) {
  return {
    ID: String(user.id),
    ACTIVE: user.active,
    NAME: user.name,
    LAST_NAME: user.lastName,
    EMAIL: user.email,
    ...userDates(state),
    IS_ONLINE: 'Y',
    // "" is the documented value of a gender that is not set.
    PERSONAL_GENDER: user.gender ?? '',
    PERSONAL_BIRTHDAY: '',
    WORK_POSITION: user.workPosition,
    UF_EMPLOYMENT_DATE: '',
    UF_DEPARTMENT: user.departments,
  };
}

export const currentUserMethods: Record<string, MethodDefinition> = {
  'user.current': {
    scope: 'user',
    handler(_params, { state, userId }) {
      const user = state.users.get(userId);
      return { result: user === undefined ? {} : currentUser(state, user) };
    },
  },
  // api-reference/common/users/profile.md: "If the user is inactive, the object is empty".
  // The SDK's B24OAuth.initIsAdmin reads ADMIN from here.
  profile: {
    scope: 'basic',
    handler(_params, { state, userId }) {
      const user = state.users.get(userId);
      if (user === undefined || !user.active) {
        return { result: {} };
      }
      return {
        result: {
          ID: String(user.id),
          ADMIN: user.id === ADMIN_USER_ID,
          NAME: user.name,
          LAST_NAME: user.lastName,
          PERSONAL_GENDER: user.gender ?? '',
          TIME_ZONE: user.timeZone,
        },
      };
    },
  },
};
