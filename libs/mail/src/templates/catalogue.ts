import type { Locale } from '../locale.js';

/** A mail in one language: subject, paragraphs, and an optional button with its link. */
export interface MailContent {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

type Renderer<P> = (p: P) => MailContent;

/** Every mail the platform sends, in zh-TW (default) and English. Params are plain text: the renderer escapes them. */
export const MailTemplates = {
  'account.verify-email': {
    'zh-TW': (p: { displayName: string; url: string; hours: number }) => ({
      subject: '請驗證您的電子郵件信箱',
      paragraphs: [
        `${p.displayName} 您好：`,
        '感謝您註冊開放政府參與平臺。請點選下方連結驗證您的電子郵件信箱，驗證後即可提案與附議。',
        `此連結於 ${p.hours} 小時內有效。若您並未註冊，請忽略本信。`,
      ],
      action: { label: '驗證電子郵件', url: p.url },
    }),
    en: (p: { displayName: string; url: string; hours: number }) => ({
      subject: 'Please verify your email address',
      paragraphs: [
        `Hello ${p.displayName},`,
        'Thank you for registering on the Open Participation platform. Follow the link below to verify your email address; you can then submit and endorse proposals.',
        `The link is valid for ${p.hours} hours. If you did not register, ignore this message.`,
      ],
      action: { label: 'Verify email', url: p.url },
    }),
  },
  'account.password-reset': {
    'zh-TW': (p: { displayName: string; url: string; minutes: number }) => ({
      subject: '重設您的密碼',
      paragraphs: [
        `${p.displayName} 您好：`,
        '我們收到重設您帳號密碼的要求。請點選下方連結設定新密碼。',
        `此連結於 ${p.minutes} 分鐘內有效，且只能使用一次。若您並未提出要求，請忽略本信，您的密碼不會變更。`,
      ],
      action: { label: '設定新密碼', url: p.url },
    }),
    en: (p: { displayName: string; url: string; minutes: number }) => ({
      subject: 'Reset your password',
      paragraphs: [
        `Hello ${p.displayName},`,
        'We received a request to reset the password of your account. Follow the link below to choose a new one.',
        `The link is valid for ${p.minutes} minutes and works once. If you did not ask for this, ignore this message; your password stays unchanged.`,
      ],
      action: { label: 'Choose a new password', url: p.url },
    }),
  },
} satisfies Record<string, Record<Locale, Renderer<never>>>;

export type MailTemplateName = keyof typeof MailTemplates;
export type MailParams<T extends MailTemplateName> = Parameters<(typeof MailTemplates)[T]['zh-TW']>[0];
