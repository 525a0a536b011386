import { type Term, term } from '#i18n';
import { type ProposalMail, mailTemplate } from './template.js';

export interface DecisionMail extends ProposalMail {
  outcome: Term<'decisionOutcome'>;
  method: Term<'decisionMethod'>;
  /** The meeting that decided: its number and date (YYYY-MM-DD). */
  meetingNumber: number;
  heldOn: string;
  /** The condition of a conditional adoption, as written (zh, and en when translated). */
  conditionZh?: string | null;
  conditionEn?: string | null;
  onBehalf: 'author' | 'endorser';
}

export interface DecisionConcludedMail extends ProposalMail {
  outcome: Term<'decisionOutcome'>;
  onBehalf: 'author' | 'endorser';
}

/** Mail the decisions context sends: the task force's decision and the conclusion of a conditional adoption, to author and endorsers. */
export const decisionTemplates = {
  'proposal.decided': mailTemplate((p: DecisionMail, w) => {
    const outcome = term(w.locale, 'decisionOutcome', p.outcome);
    const condition = w.name(p.conditionZh, p.conditionEn);
    return {
      subject: w.t('mail.decision.decided.subject', { outcome, title: p.title }),
      paragraphs: [
        w.greeting(p),
        w.t('mail.decision.decided.body', {
          meeting: p.meetingNumber,
          heldOn: p.heldOn,
          onBehalf: p.onBehalf,
          title: p.title,
          method: term(w.locale, 'decisionMethod', p.method),
          outcome,
        }),
        ...(condition ? [w.t('mail.decision.decided.condition', { condition })] : []),
        w.t('mail.decision.decided.details'),
      ],
      action: { label: w.t('mail.decision.decided.action'), url: p.url },
      unsubscribe: 'proposal',
    };
  }),
  'proposal.decision_concluded': mailTemplate((p: DecisionConcludedMail, w) => {
    const outcome = term(w.locale, 'decisionOutcome', p.outcome);
    return {
      subject: w.t('mail.decision.concluded.subject', { outcome, title: p.title }),
      paragraphs: [
        w.greeting(p),
        w.t('mail.decision.concluded.body', { onBehalf: p.onBehalf, title: p.title, outcome }),
        w.t('mail.decision.concluded.details'),
      ],
      action: { label: w.t('mail.decision.concluded.action'), url: p.url },
      unsubscribe: 'proposal',
    };
  }),
};
