/** The permission scopes the emulator knows (api-reference/scopes/permissions.md). */
export const ALL_SCOPES = [
  'crm',
  'user',
  'department',
  'telephony',
  'im',
  'imbot',
  'calendar',
  'basic',
] as const;
