import type { TextLanguage } from './helsinki-time.js';

/** A notification as it is e-mailed: in the recipient's language only, with the link to the case or to Kaari. */
export function notificationEmail(
  mail: { language: TextLanguage; message: { fi: string; sv?: string; en: string }; instanceId: string | null },
  publicUrl: string,
): { subject: string; text: string } {
  const message = mail.message[mail.language] ?? mail.message.fi;
  const link = mail.instanceId ? `${publicUrl}/instances/${mail.instanceId}` : publicUrl;
  const open = { fi: 'Avaa Kaaressa', sv: 'Öppna i Kaari', en: 'Open in Kaari' }[mail.language];
  // The subject is the first line (an invitation's agenda follows on the next lines).
  return { subject: `Kaari: ${message.split('\n')[0]}`, text: `${message}\n\n${open}: ${link}\n` };
}
