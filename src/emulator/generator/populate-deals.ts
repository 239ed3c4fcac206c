import { localTime } from './local-time.js';
import type { DepartmentCalendar, IsoDay } from '../../domain/calendar.js';
import type { PortalState } from '../portal-state.js';
import type { ManagerProfile } from './plan-people.js';
import { dailyCount } from './daily-norms.js';
import type { Random } from './random.js';

const at = localTime;

/**
 * Deals move through stages: created most working days, won or lost some working days later,
 * the rest still open at the standup. Won deals carry an amount in rubles and an invoice;
 * quotes go out daily (fewer for a manager lagging on them). Returns the open deals' ids.
 */
export function addDeals(
  state: PortalState,
  calendar: DepartmentCalendar,
  random: Random,
  p: ManagerProfile,
  worked: IsoDay[],
  today: IsoDay,
): number[] {
  const deals = state.crm.items.get(2);
  const quotes = state.crm.items.get(7);
  const invoices = state.crm.items.get(31);
  if (deals === undefined || quotes === undefined || invoices === undefined) {
    return [];
  }
  const open: number[] = [];
  worked.forEach((day, index) => {
    for (let q = 0, n = dailyCount(random, 1, p.lags.has('quotes_sent')); q < n; q++) {
      const time = at(calendar, day, random.int(600, 1020));
      quotes.add({
        title: `КП №${random.int(100, 9999)}`,
        assignedById: p.id,
        createdBy: p.id,
        createdTime: time,
        updatedTime: time,
        movedTime: time,
        stageId: 'SENT',
        stageSemanticId: 'P',
        opportunity: random.int(50, 600) * 1000,
        currencyId: 'RUB',
        closed: false,
        categoryId: 0,
      });
    }
    if (!random.chance(0.7)) {
      return;
    }
    const created = at(calendar, day, random.int(570, 1000));
    const closeIndex = index + random.int(2, 8);
    const closeDay = worked[closeIndex];
    const outcome = random.next();
    const amount = random.int(50, 600) * 1000;
    const base = {
      title: `Сделка ${random.int(1000, 99999)}`,
      assignedById: p.id,
      createdBy: p.id,
      createdTime: created,
      currencyId: 'RUB',
      opportunity: amount,
      categoryId: 0,
      isReturnCustomer: random.chance(0.3),
      companyId: random.int(1, 800),
    };
    if (closeDay !== undefined && closeDay < today && outcome < 0.45) {
      const moved = at(calendar, closeDay, random.int(600, 1020));
      deals.add({
        ...base,
        stageId: 'WON',
        stageSemanticId: 'S',
        closed: true,
        movedTime: moved,
        updatedTime: moved,
        closedate: moved,
        lastActivityTime: moved,
      });
      invoices.add({
        title: `Счёт ${random.int(1000, 99999)}`,
        assignedById: p.id,
        createdBy: p.id,
        createdTime: moved,
        updatedTime: moved,
        movedTime: moved,
        stageId: 'DT31_1:N',
        stageSemanticId: 'P',
        opportunity: amount,
        currencyId: 'RUB',
        closed: false,
        categoryId: 0,
      });
    } else if (closeDay !== undefined && closeDay < today && outcome < 0.65) {
      const moved = at(calendar, closeDay, random.int(600, 1020));
      deals.add({
        ...base,
        stageId: 'LOSE',
        stageSemanticId: 'F',
        closed: true,
        movedTime: moved,
        updatedTime: moved,
        closedate: moved,
        lastActivityTime: moved,
      });
    } else {
      open.push(
        deals.add({
          ...base,
          stageId: random.pick(['NEW', 'PREPARATION', 'PREPAYMENT_INVOICE', 'EXECUTING']),
          stageSemanticId: 'P',
          closed: false,
          movedTime: created,
          updatedTime: created,
          // The portal stamps the timeline's last activity at creation; to-dos move it on.
          lastActivityTime: created,
        }),
      );
    }
  });
  return open;
}

/**
 * Every open deal gets an open to-do as its next step, except a few (many for a manager
 * lagging on it); overdue to-dos likewise, few or many. Deadlines of next steps lie ahead.
 */
export function addNextSteps(
  state: PortalState,
  calendar: DepartmentCalendar,
  random: Random,
  p: ManagerProfile,
  openDeals: number[],
  today: IsoDay,
): void {
  const deals = state.crm.items.get(2);
  const withoutStep = p.lags.has('deals_without_next_step') ? random.int(4, 6) : random.int(0, 1);
  while (openDeals.length < withoutStep + 2 && deals !== undefined) {
    const time = at(calendar, today, -24 * 60 + 600);
    openDeals.push(
      deals.add({
        title: `Сделка ${random.int(1000, 99999)}`,
        assignedById: p.id,
        createdBy: p.id,
        createdTime: time,
        updatedTime: time,
        movedTime: time,
        stageId: 'NEW',
        stageSemanticId: 'P',
        opportunity: random.int(50, 600) * 1000,
        currencyId: 'RUB',
        closed: false,
        categoryId: 0,
        isReturnCustomer: false,
        lastActivityTime: time,
      }),
    );
  }
  const todo = (ownerId: number, deadline: number) =>
    state.crm.activities.add({
      OWNER_TYPE_ID: 2,
      OWNER_ID: ownerId,
      TYPE_ID: 6,
      PROVIDER_ID: 'CRM_TODO',
      PROVIDER_TYPE_ID: 'TODO',
      SUBJECT: 'Следующий шаг по сделке',
      CREATED: deadline - 3 * 86_400_000,
      LAST_UPDATED: deadline - 3 * 86_400_000,
      START_TIME: deadline,
      END_TIME: deadline,
      DEADLINE: deadline,
      COMPLETED: false,
      STATUS: 1,
      RESPONSIBLE_ID: p.id,
      AUTHOR_ID: p.id,
      EDITOR_ID: p.id,
      PRIORITY: 2,
      DIRECTION: 0,
      DESCRIPTION: '',
    });
  openDeals
    .slice(withoutStep)
    .forEach((dealId, index) =>
      todo(dealId, at(calendar, today, (1 + (index % 5)) * 24 * 60 + 660)),
    );
  const overdue = p.lags.has('overdue_activities') ? random.int(6, 8) : random.int(0, 2);
  for (let i = 0; i < overdue; i++) {
    todo(0, at(calendar, today, -(1 + i) * 24 * 60 + 900));
  }
}
