import { type Term, reviewReason } from '#i18n';
import { type ProposalMail, type Words, mailTemplate } from './template.js';

/** A moderator's return or rejection: a coded reason and the moderator's own words. */
export interface ReviewMail extends ProposalMail {
  reasonCode: Term<'reviewReason'>;
  reason: string;
}

const reasonLine = (p: ReviewMail, w: Words) =>
  w.t('mail.proposal.reviewReason', { label: reviewReason(w.locale, p.reasonCode, w.legacy(p, 'reasonLabel')), reason: p.reason });

/** Mail the proposals context sends the author: receipt and the outcome of review. */
export const proposalTemplates = {
  'proposal.received': mailTemplate((p: ProposalMail, w) => ({
    subject: w.t('mail.proposal.received.subject', { title: p.title }),
    paragraphs: [w.greeting(p), w.t('mail.proposal.received.body', { title: p.title })],
    action: { label: w.t('mail.viewProposal'), url: p.url },
  })),
  'proposal.published': mailTemplate((p: ProposalMail & { threshold: number; deadline: string }, w) => ({
    subject: w.t('mail.proposal.published.subject', { title: p.title }),
    paragraphs: [w.greeting(p), w.t('mail.proposal.published.body', { title: p.title, deadline: p.deadline, threshold: p.threshold })],
    action: { label: w.t('mail.viewProposal'), url: p.url },
  })),
  'proposal.returned': mailTemplate((p: ReviewMail, w) => ({
    subject: w.t('mail.proposal.returned.subject', { title: p.title }),
    paragraphs: [
      w.greeting(p),
      w.t('mail.proposal.returned.body', { title: p.title }),
      reasonLine(p, w),
      w.t('mail.proposal.returned.next'),
    ],
    action: { label: w.t('mail.proposal.returned.action'), url: p.url },
  })),
  'proposal.rejected': mailTemplate((p: ReviewMail, w) => ({
    subject: w.t('mail.proposal.rejected.subject', { title: p.title }),
    paragraphs: [w.greeting(p), w.t('mail.proposal.rejected.body', { title: p.title }), reasonLine(p, w)],
  })),
};
