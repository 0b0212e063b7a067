import { helsinkiWhen } from './helsinki-time.js';
import { notificationEmail } from './notification-email.js';

describe('a notification e-mail', () => {
  const message = {
    fi: 'Kokouskutsu: Kaupunginhallitus\n1. Asia',
    sv: 'Kallelse till möte: Stadsstyrelsen\n1. Ärende',
    en: 'Meeting invitation: City Board\n1. Matter',
  };

  it('is written in the recipient’s language only, the first line as its subject, with the link to the case', () => {
    const sv = notificationEmail({ language: 'sv', message, instanceId: 'abc' }, 'https://kaari.turku.fi');
    expect(sv.subject).toBe('Kaari: Kallelse till möte: Stadsstyrelsen');
    expect(sv.text).toBe('Kallelse till möte: Stadsstyrelsen\n1. Ärende\n\nÖppna i Kaari: https://kaari.turku.fi/instances/abc\n');
    expect(sv.text).not.toContain('Kokouskutsu');
    const fi = notificationEmail({ language: 'fi', message, instanceId: null }, 'https://kaari.turku.fi');
    expect(fi.text).toBe('Kokouskutsu: Kaupunginhallitus\n1. Asia\n\nAvaa Kaaressa: https://kaari.turku.fi\n');
  });

  it('falls back to Finnish for a notification written before Swedish was kept', () => {
    expect(notificationEmail({ language: 'sv', message: { fi: 'Muistutus', en: 'Reminder' }, instanceId: null }, 'u').subject).toBe('Kaari: Muistutus');
  });
});

describe('Finnish time in a server-written text', () => {
  it('says the instant in Europe/Helsinki in each language’s words, summer and winter', () => {
    const winter = new Date('2026-12-04T16:00:00Z');
    expect(helsinkiWhen(winter, 'fi')).toBe('4.12.2026 klo 18.00');
    expect(helsinkiWhen(winter, 'sv')).toBe('4.12.2026 kl. 18.00');
    expect(helsinkiWhen(winter, 'en')).toBe('04/12/2026 at 18:00');
    expect(helsinkiWhen(new Date('2026-07-04T06:05:00Z'), 'fi')).toBe('4.7.2026 klo 09.05');
  });
});
