import { en } from '../i18n/en';
import { fi, type MessageKey } from '../i18n/fi';
import { formatMessage } from '../i18n/format';
import type { Translate } from '../i18n/i18n';
import { sv } from '../i18n/sv';
import { durationText } from './durations';

const tr =
  (locale: string, dict: Record<MessageKey, string>): Translate =>
  (key, vars) =>
    formatMessage(locale, dict[key], vars);

describe('a period in words', () => {
  it('says days, working days, hours and minutes with the language’s plurals', () => {
    const t = { fi: tr('fi-FI', fi), sv: tr('sv-FI', sv), en: tr('en-GB', en) };
    expect(durationText('P10D', t.fi)).toBe('10 päivää');
    expect(durationText('P1D', t.sv)).toBe('1 dag');
    expect(durationText('P5WD', t.sv)).toBe('5 arbetsdagar');
    expect(durationText('P1WD', t.fi)).toBe('1 työpäivä');
    expect(durationText('PT4H30M', t.en)).toBe('4 hours 30 minutes');
    expect(durationText('PT1M', t.fi)).toBe('1 minuutti');
    expect(durationText('P2W', t.sv)).toBe('2 veckor');
  });

  it('leaves what is no period as it is', () => {
    const t = tr('fi-FI', fi);
    expect(durationText('soon', t)).toBe('soon');
    expect(durationText('P', t)).toBe('P');
    expect(durationText('PT', t)).toBe('PT');
    expect(durationText(null, t)).toBe('');
  });
});
