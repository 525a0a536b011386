import { type Locale, type MessageKey, type MessageParams, inLocale, t } from '#i18n';

/** A mail in one language: subject, paragraphs, and an optional button with its link. */
export interface MailContent {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /**
   * Which unsubscribe sentence the renderer adds when the mail carries an `unsubscribeUrl`: `default`
   * ("these emails") unless the mail is about one proposal's news (`proposal`).
   */
  unsubscribe?: 'default' | 'proposal';
}

/** Renders one template's parameters in a locale. Params are plain text: the renderer escapes them. */
export type MailTemplate<P> = (params: P, locale: Locale) => MailContent;

/** The words a template uses, in the mail's locale. */
export interface Words {
  locale: Locale;
  t(key: MessageKey, params?: MessageParams): string;
  greeting(p: { displayName: string }): string;
  /** A name the data holds in both languages (agencies): the one for this mail. */
  name(zh: string | null | undefined, en: string | null | undefined): string;
  /** A pre-translated pair that mail queued before codes carried (`roleZh`/`roleEn`): the one for this mail. */
  legacy(p: object, field: string): string | undefined;
}

function words(locale: Locale): Words {
  return {
    locale,
    t: (key, params) => t(locale, key, params),
    greeting: (p) => t(locale, 'mail.greeting', { displayName: p.displayName }),
    name: (zh, en) => inLocale(locale, zh, en),
    legacy: (p, field) => {
      const v = (p as Record<string, unknown>)[`${field}${locale === 'en' ? 'En' : 'Zh'}`];
      return typeof v === 'string' ? v : undefined;
    },
  };
}

export function mailTemplate<P>(render: (p: P, w: Words) => MailContent): MailTemplate<P> {
  return (p, locale) => render(p, words(locale));
}

/** Parameters of every mail about a proposal. `unsubscribeUrl` is set on all of it. */
export interface ProposalMail {
  displayName: string;
  title: string;
  url: string;
  unsubscribeUrl?: string;
}

/** An agency named in both languages, as the agencies table holds it. */
export interface AgencyNames {
  agencyZh: string;
  agencyEn: string;
}
