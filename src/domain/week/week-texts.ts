import type { PlanTarget } from '../metric-ids.js';

export const WEEK_TEXTS = {
  ru: {
    title: (day: string, time: string, span: string) =>
      `[b]Планёрка недели: ${day}, ${time}[/b] — неделя ${span}`,
    teamTitle: (day: string, time: string, span: string) =>
      `[b]Коллеги, итоги недели ${span}[/b] к планёрке ${day}, ${time}`,
    plan: 'План (пессимистичный / реалистичный / оптимистичный)',
    period: { week: 'неделя', month: 'месяц', quarter: 'квартал' },
    targets: { amount: 'сумма', units: 'сделки', new_clients: 'новые клиенты' } as Record<
      PlanTarget,
      string
    >,
    paceLine: (period: string, target: string, fact: string, plan: string, paces: string) =>
      `${period}, ${target}: ${fact} из ${plan} — темп ${paces}`,
    managers: 'Менеджеры за неделю',
    managerGridTitle: 'Неделя по нормам',
    noWeekNorms: 'нет недельных норм',
    notJudged: 'не оценивается',
    of: 'из',
    plans: 'Планы недели',
    plansLine: (held: number, notHeld: number, open: number, meeting: number) =>
      `выполнено ${held}, не выполнено ${notHeld}, в работе ${open}, на планёрку ${meeting}`,
    notHeld: 'не выполнены',
    open: 'в работе',
    meeting: 'на планёрку',
    repeat: 'Повторные отставания',
    repeatDays: (days: number, total: number) => `${days} дн. из ${total}`,
    twoWeeks: 'вторую неделю подряд',
    issues: 'Открытые вопросы',
    none: 'нет',
    carried: 'перенесено',
    deadline: (day: string) => `срок ${day}`,
    noDeadline: 'без срока',
    fromMeeting: (day: string) => `отправлен на планёрку (стендап ${day})`,
    fromNotHeld: (day: string) => `план не выполнен (стендап ${day})`,
    state: {
      open: '',
      solved: '✅ решено',
      carried: '➡️ перенесено на следующую неделю',
      dropped: '✖️ снято',
    },
    oneOnOne: 'Встречи 1:1 — пора',
    oneOnOneDue: (name: string, done: number, per: number) => `${name} (${done} из ${per})`,
    training: 'Обучение — пора',
    trainingNew: 'новый менеджер',
    trainingLast: (day: string) => `последнее ${day}`,
    trainingNever: 'не отмечалось',
    buttons: {
      solved: (id: string) => `${id}: решено`,
      carry: (id: string) => `${id}: перенести`,
      drop: (id: string) => `${id}: снять`,
      oneOnOne: (name: string) => `1:1 ${name} ✓`,
      training: (name: string) => `Обучение ${name} ✓`,
    },
    onlyHead: 'Это решает руководитель отдела.',
    noCard: 'Карточки недели ещё нет: /week соберёт её сейчас.',
    noIssue: 'Такого вопроса в карточке нет.',
    whom: (names: string[]) =>
      names.length === 0
        ? 'Кого отметить? Напишите так: /1on1 Имя'
        : `Кого именно: ${names.join(', ')}?`,
    oneOnOneDone: (name: string, done: number, per: number) =>
      `Встреча 1:1 с ${name} отмечена (${done} из ${per} в этом месяце).`,
    trainingDone: (name: string) => `Обучение ${name} отмечено.`,
    off: 'Это выключено в настройках отдела.',
    issueDone: (id: string, state: string) => `Вопрос ${id}: ${state}.`,
  },
  en: {
    title: (day: string, time: string, span: string) =>
      `[b]Weekly meeting: ${day}, ${time}[/b] — week ${span}`,
    teamTitle: (day: string, time: string, span: string) =>
      `[b]Colleagues, the week ${span}[/b] for the meeting ${day}, ${time}`,
    plan: 'Plan (pessimistic / realistic / optimistic)',
    period: { week: 'week', month: 'month', quarter: 'quarter' },
    targets: { amount: 'amount', units: 'deals', new_clients: 'new clients' } as Record<
      PlanTarget,
      string
    >,
    paceLine: (period: string, target: string, fact: string, plan: string, paces: string) =>
      `${period}, ${target}: ${fact} of ${plan} — pace ${paces}`,
    managers: 'Managers this week',
    managerGridTitle: 'The week against the norms',
    noWeekNorms: 'no weekly norms',
    notJudged: 'not judged',
    of: 'of',
    plans: "The week's plans",
    plansLine: (held: number, notHeld: number, open: number, meeting: number) =>
      `held ${held}, not held ${notHeld}, open ${open}, sent to the meeting ${meeting}`,
    notHeld: 'not held',
    open: 'open',
    meeting: 'to the meeting',
    repeat: 'Repeat laggards',
    repeatDays: (days: number, total: number) => `${days} of ${total} days`,
    twoWeeks: 'two weeks running',
    issues: 'Open issues',
    none: 'none',
    carried: 'carried over',
    deadline: (day: string) => `due ${day}`,
    noDeadline: 'no deadline',
    fromMeeting: (day: string) => `sent to the meeting (standup ${day})`,
    fromNotHeld: (day: string) => `plan not held (standup ${day})`,
    state: {
      open: '',
      solved: '✅ solved',
      carried: '➡️ carried over to next week',
      dropped: '✖️ dropped',
    },
    oneOnOne: 'One-to-ones due',
    oneOnOneDue: (name: string, done: number, per: number) => `${name} (${done} of ${per})`,
    training: 'Training due',
    trainingNew: 'new manager',
    trainingLast: (day: string) => `last ${day}`,
    trainingNever: 'none recorded',
    buttons: {
      solved: (id: string) => `${id}: solved`,
      carry: (id: string) => `${id}: carry over`,
      drop: (id: string) => `${id}: drop`,
      oneOnOne: (name: string) => `1:1 ${name} ✓`,
      training: (name: string) => `Training ${name} ✓`,
    },
    onlyHead: 'This is for the head of the department.',
    noCard: 'No weekly card yet: /week makes it now.',
    noIssue: 'There is no such issue on the card.',
    whom: (names: string[]) =>
      names.length === 0 ? 'Whom? Write: /1on1 Name' : `Which one: ${names.join(', ')}?`,
    oneOnOneDone: (name: string, done: number, per: number) =>
      `One-to-one with ${name} recorded (${done} of ${per} this month).`,
    trainingDone: (name: string) => `Training of ${name} recorded.`,
    off: 'This is switched off in the department file.',
    issueDone: (id: string, state: string) => `Issue ${id}: ${state}.`,
  },
} as const;
