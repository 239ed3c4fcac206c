import type { Gender } from '../../department/department.js';

/**
 * The form that agrees with a person's gender as the portal records it ("принял" /
 * "приняла"), or a wording that needs none when the portal does not say.
 */
export function byGender<T>(
  gender: Gender | undefined,
  forms: { male: T; female: T; unknown: T },
): T {
  return gender === undefined ? forms.unknown : forms[gender];
}
