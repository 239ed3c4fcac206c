import { DateTime } from 'luxon';
import { stringify } from 'yaml';

/** What `init` learned from the portal and the flags, to write a department file from. */
export interface DepartmentFileInput {
  /** The file's `department.id` (it names jobs and Redis keys). */
  key: string;
  /** The portal department's name and id. */
  name: string;
  portalId: number;
  timeZone: string;
  language: 'ru' | 'en';
  head: { id: number; name: string };
  managers: readonly { id: number; name: string }[];
  /** Today in the department's zone: the plan's example periods are this month and quarter. */
  today: string;
}

/** Where the example's norms, plan and the rest start: they are copied as a starting point. */
const NORMS_MARK = '# Norms per metric';

/** A YAML scalar as written by hand: plain when it can be, quoted when it must be. */
const scalar = (value: string | number) => stringify(value).trimEnd();

/**
 * A complete, commented department file: the department, its head and its active employees
 * from the portal, every manager in the default sales mode, and the example's norms, plan,
 * thresholds and reminders (with this month and quarter) to edit. Pure: the example's text
 * is passed in.
 */
export function departmentFileText(input: DepartmentFileInput, exampleText: string): string {
  const start = exampleText.indexOf(NORMS_MARK);
  if (start < 0) {
    throw new Error(`the example department file has no "${NORMS_MARK}" section to start from`);
  }
  const day = DateTime.fromISO(input.today);
  const rest = exampleText
    .slice(start)
    .replace(/period: \d{4}-\d{2}\b/g, `period: ${day.toFormat('yyyy-MM')}`)
    .replace(/period: \d{4}-Q[1-4]\b/g, `period: ${day.year}-Q${day.quarter}`);
  const managers = input.managers.flatMap((m, index) => [
    `  - user_id: ${m.id}`,
    `    name: ${scalar(m.name)}`,
    index === 0
      ? '    mode: active # active: cold calls on a base; passive: calls on inbound leads'
      : '    mode: active',
  ]);
  return [
    `# The department file of "${input.name}" (portal department ${input.portalId}), written by`,
    `# \`standup-bot init\` on ${input.today}: the head and the managers come from the portal.`,
    "# Set each manager's sales mode, then edit the norms and the plan below: they are the",
    "# example's, a starting point. Check it with:",
    '#   npx standup-bot check-config --portal',
    '# Unknown keys are errors, so a typo never goes unnoticed.',
    '',
    'department:',
    `  id: ${scalar(input.key)} # names jobs and Redis keys: lower-case letters, digits, "-" and "_"`,
    `  name: ${scalar(input.name)}`,
    `  portal_id: ${input.portalId} # the department on the portal: check-config --portal checks its members`,
    `  timezone: ${scalar(input.timeZone)} # IANA time zone; daylight-saving days are handled`,
    `  language: ${input.language} # chat language: ru or en`,
    '',
    'calendar:',
    '  working_days: [mon, tue, wed, thu, fri]',
    '  holidays_country: RU # public holidays from the country calendar (omit for none)',
    '  extra_days_off: [] # bridges and company days off',
    '  extra_working_days: [] # Russia sometimes moves a working day to a Saturday: list it here',
    "  work_hours: { start: '09:00', end: '18:00' } # the \"half a day\" window splits this span",
    '',
    'standup:',
    "  times: ['08:45'] # when the bot measures and asks (several runs a day are allowed)",
    "  meeting_time: '09:30' # when the team meets; who has not answered is reported before it",
    '',
    'head:',
    `  user_id: ${input.head.id} # the department's head on the portal (UF_HEAD): approves or corrects plans`,
    `  name: ${scalar(input.head.name)}`,
    "  deputies: [] # user ids who may approve in the head's absence",
    '',
    '# team_chat: chat42        # optional group chat for team topics',
    '',
    `# The department's active employees on ${input.today}, the head left out. Someone who leaves`,
    '# the company is set aside at every run (and named in the digest) until removed here.',
    'managers:',
    ...managers,
    '',
    rest.trimEnd(),
    '',
  ].join('\n');
}
