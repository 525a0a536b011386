import { mailTemplate } from './template.js';

/** Account mail (no unsubscribe link: it is the account's own business). */
export const accountTemplates = {
  'account.verify-email': mailTemplate((p: { displayName: string; url: string; hours: number }, w) => ({
    subject: w.t('mail.account.verifyEmail.subject'),
    paragraphs: [w.greeting(p), w.t('mail.account.verifyEmail.body'), w.t('mail.account.verifyEmail.validity', { hours: p.hours })],
    action: { label: w.t('mail.account.verifyEmail.action'), url: p.url },
  })),
  'account.password-reset': mailTemplate((p: { displayName: string; url: string; minutes: number }, w) => ({
    subject: w.t('mail.account.passwordReset.subject'),
    paragraphs: [w.greeting(p), w.t('mail.account.passwordReset.body'), w.t('mail.account.passwordReset.validity', { minutes: p.minutes })],
    action: { label: w.t('mail.account.passwordReset.action'), url: p.url },
  })),
};
