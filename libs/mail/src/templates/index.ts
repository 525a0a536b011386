import { accountTemplates } from './accounts.js';
import { assignmentTemplates } from './assignments.js';
import { decisionTemplates } from './decisions.js';
import { endorsementTemplates } from './endorsements.js';
import { proposalTemplates } from './proposals.js';
import { responseTemplates } from './responses.js';
import type { MailTemplate } from './template.js';

export type { MailContent, MailTemplate, ProposalMail, AgencyNames } from './template.js';
export type { ReviewMail } from './proposals.js';
export type { ResponseMail } from './responses.js';
export type { DecisionConcludedMail, DecisionMail } from './decisions.js';
export type { AssignmentMail, DeadlineMail, DigestMail, OverdueItem, TransferRefusedMail, TransferRequestedMail } from './assignments.js';

/**
 * Every mail the platform sends, by template id (stored in mail_messages: ids never change), one file per
 * context that sends it. The words are in libs/i18n; the parameters are codes and data, never translated text.
 */
export const MailTemplates = {
  ...accountTemplates,
  ...proposalTemplates,
  ...endorsementTemplates,
  ...assignmentTemplates,
  ...responseTemplates,
  ...decisionTemplates,
} satisfies Record<string, MailTemplate<never>>;

export type MailTemplateName = keyof typeof MailTemplates;
export type MailParams<T extends MailTemplateName> = Parameters<(typeof MailTemplates)[T]>[0];
