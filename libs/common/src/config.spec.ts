import { ConfigError, loadConfig } from './config.js';

describe('configuration at boot', () => {
  it('refuses a reminder lead in working days instead of counting it as no lead at all', () => {
    // Given an operator who writes the lead as two working days
    // When the configuration is read, Then the process stops naming the variable
    expect(() => loadConfig({ KAARI_REMINDER_LEAD: 'P2WD' })).toThrow(ConfigError);
    expect(() => loadConfig({ KAARI_REMINDER_LEAD: 'P2WD' })).toThrow(/KAARI_REMINDER_LEAD .*working days/);
  });

  it('takes a reminder lead in calendar time, and a grace period in working days', () => {
    const config = loadConfig({ KAARI_REMINDER_LEAD: 'PT12H', KAARI_DEFAULT_GRACE: 'P5WD' });
    expect(config.reminderLead).toBe('PT12H');
    expect(config.defaultGrace).toBe('P5WD');
  });
});
