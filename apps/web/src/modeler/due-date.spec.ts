import { dueDateOk } from './due-date';

describe('dueDateOk', () => {
  it.each(['', 'P14D', 'P10WD', 'PT2S', 'P1Y2M', 'P2W', 'PT1H30M', '2026-12-01T12:00:00+02:00', '${environment.variables.deadline}'])('takes %p', (v) => {
    expect(dueDateOk(v)).toBe(true);
  });
  it.each(['14 days', 'P', 'PT', 'P10 WD', 'P1.5D', '2026-12-01', 'WD10'])('refuses %p', (v) => {
    expect(dueDateOk(v)).toBe(false);
  });
});
