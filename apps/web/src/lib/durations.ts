/**
 * An ISO 8601 period as a person says it (`P10D` → "10 päivää", `P5WD` → "5 työpäivää",
 * `PT4H30M` → "4 tuntia 30 minuuttia"): grace periods and deadlines are shown in words, the code
 * stays in the form field where it is typed.
 */
import type { MessageKey } from '../i18n/fi';
import type { Translate } from '../i18n/i18n';

const PERIOD = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const WORKING_DAYS = /^P(\d+)WD$/;
const UNITS: MessageKey[] = ['duration.years', 'duration.months', 'duration.weeks', 'duration.days', 'duration.hours', 'duration.minutes', 'duration.seconds'];

/** The period in words, or the text as it is when it is no period Kaari knows. */
export function durationText(iso: string | null | undefined, t: Translate): string {
  if (!iso) return '';
  const working = WORKING_DAYS.exec(iso);
  if (working) return t('duration.workingDays', { n: Number(working[1]) });
  const parts = PERIOD.exec(iso);
  if (!parts || iso === 'P' || iso.endsWith('T')) return iso;
  const words = parts
    .slice(1)
    .map((v, i) => (v === undefined ? '' : t(UNITS[i], { n: Number(v) })))
    .filter(Boolean);
  return words.length ? words.join(' ') : iso;
}
