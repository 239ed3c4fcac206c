import { Table, type FieldDef } from './table.js';

const s = (type: FieldDef['type']): FieldDef => ({ type, show: 'string' });
const n = (type: FieldDef['type']): FieldDef => ({ type, show: 'native' });

/** crm.activity.list: every scalar is a string, as in the documentation's sample. */
export const ACTIVITY_FIELDS: Record<string, FieldDef> = {
  ID: s('id'),
  OWNER_ID: s('id'),
  OWNER_TYPE_ID: s('int'),
  TYPE_ID: s('int'),
  PROVIDER_ID: s('text'),
  PROVIDER_TYPE_ID: s('text'),
  PROVIDER_GROUP_ID: s('text'),
  ASSOCIATED_ENTITY_ID: s('id'),
  SUBJECT: s('text'),
  CREATED: s('time'),
  LAST_UPDATED: s('time'),
  START_TIME: s('time'),
  END_TIME: s('time'),
  DEADLINE: s('time'),
  COMPLETED: s('yn'),
  STATUS: s('int'),
  RESPONSIBLE_ID: s('id'),
  PRIORITY: s('int'),
  NOTIFY_TYPE: s('int'),
  NOTIFY_VALUE: s('int'),
  DESCRIPTION: s('text'),
  DESCRIPTION_TYPE: s('int'),
  DIRECTION: s('int'),
  LOCATION: s('text'),
  ORIGINATOR_ID: s('text'),
  ORIGIN_ID: s('text'),
  AUTHOR_ID: s('id'),
  EDITOR_ID: s('id'),
  PROVIDER_DATA: s('text'),
  RESULT_MARK: s('int'),
  RESULT_VALUE: s('text'),
  RESULT_SUM: s('money'),
  RESULT_CURRENCY_ID: s('text'),
  RESULT_STATUS: s('int'),
  RESULT_STREAM: s('int'),
  RESULT_SOURCE_ID: s('text'),
  AUTOCOMPLETE_RULE: s('int'),
};

/** Fields the sample shows as arrays; they are the same for every row here. */
export const ACTIVITY_CONSTANTS: Record<string, unknown> = { SETTINGS: [], PROVIDER_PARAMS: [] };

/** crm.item.list: camelCase, numbers as numbers, flags as "Y"/"N". */
export const ITEM_FIELDS: Record<string, FieldDef> = {
  id: n('id'),
  title: n('text'),
  assignedById: n('id'),
  createdBy: n('id'),
  updatedBy: n('id'),
  movedBy: n('id'),
  createdTime: n('time'),
  updatedTime: n('time'),
  movedTime: n('time'),
  categoryId: n('int'),
  stageId: n('text'),
  stageSemanticId: n('text'),
  opportunity: n('money'),
  currencyId: n('text'),
  isManualOpportunity: n('yn'),
  closedate: n('time'),
  begindate: n('time'),
  closed: n('yn'),
  isReturnCustomer: n('yn'),
  companyId: n('id'),
  contactId: n('id'),
  sourceId: n('text'),
  // object-fields.md, common fields: "date and time of the last activity in the timeline".
  lastActivityBy: n('id'),
  lastActivityTime: n('time'),
};

/** voximplant.statistic.get: upper-case keys, every value a string. */
export const CALL_FIELDS: Record<string, FieldDef> = {
  ID: s('id'),
  CALL_ID: s('text'),
  PORTAL_USER_ID: s('id'),
  PORTAL_NUMBER: s('text'),
  PHONE_NUMBER: s('text'),
  CALL_TYPE: s('int'),
  CALL_DURATION: s('int'),
  CALL_START_DATE: s('time'),
  CALL_FAILED_CODE: s('text'),
  CALL_FAILED_REASON: s('text'),
  CRM_ENTITY_TYPE: s('text'),
  CRM_ENTITY_ID: s('id'),
  CRM_ACTIVITY_ID: s('id'),
  COST: s('money'),
  COST_CURRENCY: s('text'),
  CALL_RECORD_URL: s('text'),
};

export interface CrmTables {
  activities: Table;
  calls: Table;
  /** By entityTypeId: 2 deals, 7 quotes, 31 smart invoices. */
  items: Map<number, Table>;
}

export function createCrmTables(zone: string): CrmTables {
  return {
    activities: new Table(ACTIVITY_FIELDS, 'ID', 'RESPONSIBLE_ID', zone, ACTIVITY_CONSTANTS),
    calls: new Table(CALL_FIELDS, 'ID', 'PORTAL_USER_ID', zone),
    items: new Map(
      [2, 7, 31].map((type) => [type, new Table(ITEM_FIELDS, 'id', 'assignedById', zone)]),
    ),
  };
}
