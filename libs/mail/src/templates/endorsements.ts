import { type ProposalMail, mailTemplate } from './template.js';

/** Mail the endorsements context sends: qualification (author and endorsers) and expiry (author). */
export const endorsementTemplates = {
  'proposal.qualified': mailTemplate((p: ProposalMail & { threshold: number }, w) => ({
    subject: w.t('mail.proposal.qualified.subject', { title: p.title }),
    paragraphs: [w.greeting(p), w.t('mail.proposal.qualified.body', { title: p.title, threshold: p.threshold })],
    action: { label: w.t('mail.viewProposal'), url: p.url },
    unsubscribe: 'proposal',
  })),
  'proposal.expired': mailTemplate((p: ProposalMail & { count: number; threshold: number }, w) => ({
    subject: w.t('mail.proposal.expired.subject', { title: p.title }),
    paragraphs: [w.greeting(p), w.t('mail.proposal.expired.body', { title: p.title, count: p.count, threshold: p.threshold })],
    action: { label: w.t('mail.viewProposal'), url: p.url },
  })),
};
