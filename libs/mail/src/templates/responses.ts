import { type Term, recommendation } from '#i18n';
import { type AgencyNames, type ProposalMail, mailTemplate } from './template.js';

export interface ResponseMail extends ProposalMail, AgencyNames {
  recommendation: Term<'recommendation'>;
  correction: boolean;
  onBehalf: 'author' | 'endorser';
}

/** Mail the responses context sends: a published response or correction, to the author and each endorser. */
export const responseTemplates = {
  'proposal.responded': mailTemplate((p: ResponseMail, w) => ({
    subject: w.t('mail.response.published.subject', { correction: !!p.correction, title: p.title }),
    paragraphs: [
      w.greeting(p),
      w.t('mail.response.published.body', {
        agency: w.name(p.agencyZh, p.agencyEn),
        correction: !!p.correction,
        onBehalf: p.onBehalf,
        title: p.title,
        recommendation: recommendation(w.locale, p.recommendation, w.legacy(p, 'recommendation')),
      }),
      w.t('mail.response.published.details'),
    ],
    action: { label: w.t('mail.response.published.action'), url: p.url },
    unsubscribe: 'proposal',
  })),
};
