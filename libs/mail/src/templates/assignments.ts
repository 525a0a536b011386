import { type Term, assignmentRole } from '#i18n';
import { type AgencyNames, type ProposalMail, type Words, mailTemplate } from './template.js';

export type AssignmentRoleCode = Term<'assignmentRole'>;

export interface AssignmentMail extends ProposalMail, AgencyNames {
  role: AssignmentRoleCode;
  due: string;
}

/** A deadline reminder or overdue notice about one assignment. */
export interface DeadlineMail extends AssignmentMail {
  daysLeft: number;
}

export interface TransferRequestedMail extends ProposalMail {
  fromZh: string;
  fromEn: string;
  toZh: string;
  toEn: string;
  reason: string;
}

export interface TransferRefusedMail extends ProposalMail {
  toZh: string;
  toEn: string;
  note: string;
  due: string;
}

/** One overdue assignment in the weekly digest. */
export interface OverdueItem extends AgencyNames {
  title: string;
  role: AssignmentRoleCode;
  due: string;
  daysOverdue: number;
}

export interface DigestMail {
  displayName: string;
  url: string;
  unsubscribeUrl?: string;
  count: number;
  items: OverdueItem[];
  more: number;
}

/** The agency and its role, in the mail's words (older stored mail carried the role pre-translated). */
const held = (p: AssignmentMail, w: Words) => ({
  title: p.title,
  agency: w.name(p.agencyZh, p.agencyEn),
  role: assignmentRole(w.locale, p.role, w.legacy(p, 'role')),
  due: p.due,
});

function digestLines(p: DigestMail, w: Words): string[] {
  // Digests queued before the items existed carry their lines already written.
  if (!Array.isArray(p.items))
    return ((p as unknown as Record<string, unknown>)[w.locale === 'en' ? 'linesEn' : 'linesZh'] as string[] | undefined) ?? [];
  return p.items.map((i) =>
    w.t('mail.assignment.overdueDigest.line', {
      title: i.title,
      agency: w.name(i.agencyZh, i.agencyEn),
      role: assignmentRole(w.locale, i.role),
      due: i.due,
      daysOverdue: i.daysOverdue,
    }),
  );
}

/** Mail the assignments context sends: to agency staff on assignment, deadlines and refused transfers; to moderators. */
export const assignmentTemplates = {
  'assignment.new': mailTemplate((p: AssignmentMail, w) => ({
    subject: w.t('mail.assignment.new.subject', held(p, w)),
    paragraphs: [w.greeting(p), w.t('mail.assignment.new.body', held(p, w)), w.t('mail.assignment.new.due', { due: p.due })],
    action: { label: w.t('mail.viewProposal'), url: p.url },
  })),
  'assignment.reminder': mailTemplate((p: DeadlineMail, w) => ({
    subject: w.t('mail.assignment.reminder.subject', { daysLeft: p.daysLeft, title: p.title }),
    paragraphs: [w.greeting(p), w.t('mail.assignment.reminder.body', held(p, w)), w.t('mail.assignment.reminder.extension')],
    action: { label: w.t('mail.viewProposal'), url: p.url },
  })),
  'assignment.overdue': mailTemplate((p: DeadlineMail, w) => ({
    subject: w.t('mail.assignment.overdue.subject', { title: p.title }),
    paragraphs: [w.greeting(p), w.t('mail.assignment.overdue.body', held(p, w)), w.t('mail.assignment.overdue.public')],
    action: { label: w.t('mail.viewProposal'), url: p.url },
  })),
  'assignment.overdue-digest': mailTemplate((p: DigestMail, w) => ({
    subject: w.t('mail.assignment.overdueDigest.subject', { count: p.count }),
    paragraphs: [
      w.greeting(p),
      w.t('mail.assignment.overdueDigest.intro', { count: p.count }),
      ...digestLines(p, w),
      ...(p.more ? [w.t('mail.assignment.overdueDigest.more', { more: p.more })] : []),
    ],
    action: { label: w.t('mail.assignment.overdueDigest.action'), url: p.url },
  })),
  'transfer.requested': mailTemplate((p: TransferRequestedMail, w) => ({
    subject: w.t('mail.assignment.transferRequested.subject', { title: p.title }),
    paragraphs: [
      w.greeting(p),
      w.t('mail.assignment.transferRequested.body', { from: w.name(p.fromZh, p.fromEn), title: p.title, to: w.name(p.toZh, p.toEn) }),
      w.t('mail.assignment.transferRequested.reason', { reason: p.reason }),
      w.t('mail.assignment.transferRequested.next'),
    ],
    action: { label: w.t('mail.viewProposal'), url: p.url },
  })),
  'transfer.refused': mailTemplate((p: TransferRefusedMail, w) => ({
    subject: w.t('mail.assignment.transferRefused.subject', { title: p.title }),
    paragraphs: [
      w.greeting(p),
      w.t('mail.assignment.transferRefused.body', { title: p.title, to: w.name(p.toZh, p.toEn) }),
      ...(p.note ? [w.t('mail.assignment.transferRefused.note', { note: p.note })] : []),
      w.t('mail.assignment.transferRefused.due', { due: p.due }),
    ],
    action: { label: w.t('mail.viewProposal'), url: p.url },
  })),
};
