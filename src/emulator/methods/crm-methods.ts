import { arrayish, asRecord, EmulatorError } from '../emulator-error.js';
import { bindingsTest } from '../activity-bindings.js';
import { listPage, selectFields } from '../query.js';
import type { MethodDefinition } from './method.js';

const startOf = (params: Record<string, unknown>) => Number(params.start ?? 0) || 0;

export const crmMethods: Record<string, MethodDefinition> = {
  'crm.activity.list': {
    scope: 'crm',
    handler(params, { state }) {
      const table = state.crm.activities;
      const page = listPage(table, {
        filter: params.filter,
        order: params.order ?? { START_TIME: 'ASC' },
        select: selectFields(table, params.select),
        start: startOf(params),
        special: { BINDINGS: bindingsTest },
      });
      return { result: page.rows, total: page.total, next: page.next, scanned: page.rows.length };
    },
  },
  'crm.item.list': {
    scope: 'crm',
    handler(params, { state }) {
      if (params.entityTypeId === undefined) {
        throw new EmulatorError(
          'INVALID_ARG_VALUE',
          'Required parameter "entityTypeId" is missing',
        );
      }
      const table = state.crm.items.get(Number(params.entityTypeId));
      if (table === undefined) {
        // crm-item-list.md: NOT_FOUND, "SPA not found", for an unknown entityTypeId.
        throw new EmulatorError('NOT_FOUND', 'SPA not found');
      }
      const page = listPage(table, {
        filter: params.filter,
        order: params.order ?? { id: 'ASC' },
        select: selectFields(table, params.select),
        start: startOf(params),
      });
      return {
        result: { items: page.rows },
        total: page.total,
        next: page.next,
        scanned: page.rows.length,
      };
    },
  },
  'voximplant.statistic.get': {
    scope: 'telephony',
    handler(params, { state }) {
      const table = state.crm.calls;
      const sort = typeof params.SORT === 'string' ? params.SORT : 'ID';
      const page = listPage(table, {
        filter: params.FILTER,
        order: { [sort]: typeof params.ORDER === 'string' ? params.ORDER : 'ASC' },
        select: selectFields(table, undefined),
        start: startOf(params),
      });
      return { result: page.rows, total: page.total, next: page.next, scanned: page.rows.length };
    },
  },
  'user.get': {
    scope: 'user',
    handler(params, { state }) {
      const filter = asRecord(params.FILTER ?? params.filter);
      const ids =
        arrayish(filter.ID)?.map(Number) ??
        (filter.ID === undefined ? undefined : [Number(filter.ID)]);
      const department =
        filter.UF_DEPARTMENT === undefined ? undefined : Number(filter.UF_DEPARTMENT);
      const users = [...state.users.values()]
        .filter((u) => !u.isBot)
        .filter((u) => ids === undefined || ids.includes(u.id))
        .filter((u) => department === undefined || u.departments.includes(department))
        .filter(
          (u) =>
            filter.ACTIVE === undefined ||
            u.active ===
              // JSON sends true; a batch sub-call's query string sends "1".
              [true, 'true', 'Y', '1', 1].includes(filter.ACTIVE as string),
        );
      const start = startOf(params);
      const page = users.slice(start, start + 50).map((u) => ({
        ID: String(u.id),
        ACTIVE: u.active,
        NAME: u.name,
        LAST_NAME: u.lastName,
        EMAIL: u.email,
        TIME_ZONE: u.timeZone,
        WORK_POSITION: u.workPosition,
        UF_DEPARTMENT: u.departments,
        PERSONAL_GENDER: u.gender ?? '',
        USER_TYPE: 'employee',
      }));
      return {
        result: page,
        total: users.length,
        next: start + 50 < users.length ? start + 50 : undefined,
      };
    },
  },
  'department.get': {
    scope: 'department',
    handler(params, { state }) {
      const departments = [...state.departments.values()]
        .filter((d) => params.ID === undefined || d.id === Number(params.ID))
        .filter((d) => params.UF_HEAD === undefined || d.head === Number(params.UF_HEAD))
        .filter((d) => params.PARENT === undefined || d.parent === Number(params.PARENT));
      return {
        result: departments.map((d) => ({
          ID: String(d.id),
          NAME: d.name,
          SORT: 500,
          ...(d.parent === undefined ? {} : { PARENT: String(d.parent) }),
          ...(d.head === undefined ? {} : { UF_HEAD: String(d.head) }),
        })),
        total: departments.length,
      };
    },
  },
};
