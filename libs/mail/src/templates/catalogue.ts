import type { Locale } from '../locale.js';

/** A mail in one language: subject, paragraphs, and an optional button with its link. */
export interface MailContent {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

type Renderer<P> = (p: P) => MailContent;

/** Common parameters of proposal mail. `unsubscribeUrl` is set on mail to endorsers. */
export interface ProposalMail {
  displayName: string;
  title: string;
  url: string;
  unsubscribeUrl?: string;
}

export interface AssignmentMail extends ProposalMail {
  agencyZh: string;
  agencyEn: string;
  roleZh: string;
  roleEn: string;
  due: string;
}

export interface TransferMail extends ProposalMail {
  toZh: string;
  toEn: string;
}

/** A deadline reminder or overdue notice about one assignment. */
export interface DeadlineMail extends AssignmentMail {
  daysLeft: number;
}

export interface DigestMail {
  displayName: string;
  url: string;
  unsubscribeUrl?: string;
  count: number;
  /** One line per overdue assignment (already formatted, plain text). */
  linesZh: string[];
  linesEn: string[];
  more: number;
}

export interface ResponseMail extends ProposalMail {
  agencyZh: string;
  agencyEn: string;
  recommendationZh: string;
  recommendationEn: string;
  correction: boolean;
  onBehalf: 'author' | 'endorser';
}

export interface ReviewMail extends ProposalMail {
  reasonLabelZh: string;
  reasonLabelEn: string;
  reason: string;
}

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
  'proposal.received': {
    'zh-TW': (p: ProposalMail) => ({
      subject: `我們已收到您的提案：${p.title}`,
      paragraphs: [`${p.displayName} 您好：`, `您的提案「${p.title}」已送出，平臺將於 3 個工作天內完成審查，結果將以電子郵件通知您。`],
      action: { label: '查看提案', url: p.url },
    }),
    en: (p: ProposalMail) => ({
      subject: `We received your proposal: ${p.title}`,
      paragraphs: [`Hello ${p.displayName},`, `Your proposal "${p.title}" has been submitted. Moderators review it within 3 working days and will tell you the outcome by email.`],
      action: { label: 'View the proposal', url: p.url },
    }),
  },
  'proposal.published': {
    'zh-TW': (p: ProposalMail & { threshold: number; deadline: string }) => ({
      subject: `您的提案已公開，開始附議：${p.title}`,
      paragraphs: [`${p.displayName} 您好：`, `您的提案「${p.title}」已通過審查並公開。於 ${p.deadline} 前獲得 ${p.threshold} 份附議即成案，將轉請權責機關評估回應。`],
      action: { label: '查看提案', url: p.url },
    }),
    en: (p: ProposalMail & { threshold: number; deadline: string }) => ({
      subject: `Your proposal is published and open for endorsement: ${p.title}`,
      paragraphs: [`Hello ${p.displayName},`, `Your proposal "${p.title}" passed review and is now public. With ${p.threshold} endorsements by ${p.deadline} it qualifies and is referred to the responsible agency for a response.`],
      action: { label: 'View the proposal', url: p.url },
    }),
  },
  'proposal.returned': {
    'zh-TW': (p: ReviewMail) => ({
      subject: `您的提案需要修改：${p.title}`,
      paragraphs: [`${p.displayName} 您好：`, `您的提案「${p.title}」經審查後退回修改。`, `理由：${p.reasonLabelZh}。${p.reason}`, '請修改後重新送出。'],
      action: { label: '修改提案', url: p.url },
    }),
    en: (p: ReviewMail) => ({
      subject: `Your proposal needs changes: ${p.title}`,
      paragraphs: [`Hello ${p.displayName},`, `Your proposal "${p.title}" was returned for changes.`, `Reason: ${p.reasonLabelEn}. ${p.reason}`, 'Please edit it and submit it again.'],
      action: { label: 'Edit the proposal', url: p.url },
    }),
  },
  'proposal.rejected': {
    'zh-TW': (p: ReviewMail) => ({
      subject: `您的提案未通過審查：${p.title}`,
      paragraphs: [`${p.displayName} 您好：`, `很抱歉，您的提案「${p.title}」未通過審查，不予公開。`, `理由：${p.reasonLabelZh}。${p.reason}`],
    }),
    en: (p: ReviewMail) => ({
      subject: `Your proposal was not published: ${p.title}`,
      paragraphs: [`Hello ${p.displayName},`, `We are sorry: your proposal "${p.title}" did not pass review and will not be published.`, `Reason: ${p.reasonLabelEn}. ${p.reason}`],
    }),
  },
  'proposal.qualified': {
    'zh-TW': (p: ProposalMail & { threshold: number }) => ({
      subject: `提案成案：${p.title}`,
      paragraphs: [`${p.displayName} 您好：`, `提案「${p.title}」已獲得 ${p.threshold} 份附議而成案，將轉請權責機關評估回應，後續進度會再通知您。`],
      action: { label: '查看提案', url: p.url },
      footer: p.unsubscribeUrl ? `不想再收到這個提案的通知？取消訂閱：${p.unsubscribeUrl}` : undefined,
    }),
    en: (p: ProposalMail & { threshold: number }) => ({
      subject: `Proposal qualified: ${p.title}`,
      paragraphs: [`Hello ${p.displayName},`, `The proposal "${p.title}" reached ${p.threshold} endorsements and qualifies. It is referred to the responsible agency for a response; we will tell you how it goes.`],
      action: { label: 'View the proposal', url: p.url },
      footer: p.unsubscribeUrl ? `No more mail about this proposal? Unsubscribe: ${p.unsubscribeUrl}` : undefined,
    }),
  },
  'proposal.expired': {
    'zh-TW': (p: ProposalMail & { count: number; threshold: number }) => ({
      subject: `提案附議期限已到：${p.title}`,
      paragraphs: [`${p.displayName} 您好：`, `您的提案「${p.title}」附議期限已到，共獲得 ${p.count} 份附議，未達 ${p.threshold} 份的門檻，因此未成案。感謝您的參與。`],
      action: { label: '查看提案', url: p.url },
    }),
    en: (p: ProposalMail & { count: number; threshold: number }) => ({
      subject: `Endorsement period ended: ${p.title}`,
      paragraphs: [`Hello ${p.displayName},`, `The endorsement period of your proposal "${p.title}" has ended with ${p.count} endorsements, short of the ${p.threshold} needed, so it did not qualify. Thank you for taking part.`],
      action: { label: 'View the proposal', url: p.url },
    }),
  },
  'assignment.new': {
    'zh-TW': (p: AssignmentMail) => ({
      subject: `新的提案指派（${p.roleZh}）：${p.title}`,
      paragraphs: [
        `${p.displayName} 您好：`,
        `提案「${p.title}」已指派由貴機關（${p.agencyZh}）擔任${p.roleZh}評估回應。`,
        `請於 ${p.due} 前提出評估回應（採納、部分採納或不採納，並附理由）。`,
      ],
      action: { label: '查看提案', url: p.url },
    }),
    en: (p: AssignmentMail) => ({
      subject: `Proposal assigned to your agency (${p.roleEn}): ${p.title}`,
      paragraphs: [
        `Hello ${p.displayName},`,
        `The proposal "${p.title}" has been assigned to your agency (${p.agencyEn}) as ${p.roleEn} for evaluation and response.`,
        `Please respond by ${p.due} (adopt, partially adopt or not adopt, with reasons).`,
      ],
      action: { label: 'View the proposal', url: p.url },
    }),
  },
  'transfer.requested': {
    'zh-TW': (p: TransferMail & { fromZh: string; fromEn: string; reason: string }) => ({
      subject: `機關申請移轉提案：${p.title}`,
      paragraphs: [
        `${p.displayName} 您好：`,
        `${p.fromZh}申請將提案「${p.title}」移轉給${p.toZh}。`,
        `理由：${p.reason}`,
        '請至管理頁面同意或駁回。在處理之前，原機關的回應期限持續計算。',
      ],
      action: { label: '查看提案', url: p.url },
    }),
    en: (p: TransferMail & { fromZh: string; fromEn: string; reason: string }) => ({
      subject: `Transfer requested: ${p.title}`,
      paragraphs: [
        `Hello ${p.displayName},`,
        `${p.fromEn} asks to transfer the proposal "${p.title}" to ${p.toEn}.`,
        `Reason: ${p.reason}`,
        "Please accept or refuse it. Until then the agency's response deadline keeps running.",
      ],
      action: { label: 'View the proposal', url: p.url },
    }),
  },
  'transfer.refused': {
    'zh-TW': (p: TransferMail & { note: string; due: string }) => ({
      subject: `移轉申請未獲同意：${p.title}`,
      paragraphs: [
        `${p.displayName} 您好：`,
        `貴機關將提案「${p.title}」移轉給${p.toZh}的申請未獲同意，仍請貴機關評估回應。`,
        ...(p.note ? [`說明：${p.note}`] : []),
        `回應期限：${p.due}。`,
      ],
      action: { label: '查看提案', url: p.url },
    }),
    en: (p: TransferMail & { note: string; due: string }) => ({
      subject: `Transfer refused: ${p.title}`,
      paragraphs: [
        `Hello ${p.displayName},`,
        `Your agency's request to transfer the proposal "${p.title}" to ${p.toEn} was refused; your agency is still asked to respond.`,
        ...(p.note ? [`Note: ${p.note}`] : []),
        `Response deadline: ${p.due}.`,
      ],
      action: { label: 'View the proposal', url: p.url },
    }),
  },
  'assignment.reminder': {
    'zh-TW': (p: DeadlineMail) => ({
      subject: `回應期限提醒（剩 ${p.daysLeft} 天）：${p.title}`,
      paragraphs: [
        `${p.displayName} 您好：`,
        `貴機關（${p.agencyZh}）擔任${p.roleZh}的提案「${p.title}」，回應期限為 ${p.due}，尚未提出評估回應。`,
        '如需更多時間，請公開說明理由並申請展延。',
      ],
      action: { label: '查看提案', url: p.url },
    }),
    en: (p: DeadlineMail) => ({
      subject: `Response due in ${p.daysLeft} days: ${p.title}`,
      paragraphs: [
        `Hello ${p.displayName},`,
        `Your agency (${p.agencyEn}) is the ${p.roleEn} for the proposal "${p.title}". Its response is due on ${p.due} and has not been published yet.`,
        'If you need more time, announce an extension with its reason.',
      ],
      action: { label: 'View the proposal', url: p.url },
    }),
  },
  'assignment.overdue': {
    'zh-TW': (p: DeadlineMail) => ({
      subject: `回應已逾期：${p.title}`,
      paragraphs: [
        `${p.displayName} 您好：`,
        `提案「${p.title}」由${p.agencyZh}擔任${p.roleZh}，回應期限 ${p.due} 已過，尚未提出評估回應。`,
        '逾期情形會公開顯示在機關回應統計中。',
      ],
      action: { label: '查看提案', url: p.url },
    }),
    en: (p: DeadlineMail) => ({
      subject: `Response overdue: ${p.title}`,
      paragraphs: [
        `Hello ${p.displayName},`,
        `The response of ${p.agencyEn} (${p.roleEn}) to the proposal "${p.title}" was due on ${p.due} and has not been published.`,
        "Overdue responses are shown publicly on the agencies' scoreboard.",
      ],
      action: { label: 'View the proposal', url: p.url },
    }),
  },
  'assignment.overdue-digest': {
    'zh-TW': (p: DigestMail) => ({
      subject: `逾期未回應提案週報：${p.count} 件`,
      paragraphs: [`${p.displayName} 您好：`, `目前共有 ${p.count} 件指派已逾回應期限：`, ...p.linesZh, ...(p.more ? [`另有 ${p.more} 件未列出。`] : [])],
      action: { label: '查看機關回應統計', url: p.url },
    }),
    en: (p: DigestMail) => ({
      subject: `Weekly digest: ${p.count} overdue responses`,
      paragraphs: [`Hello ${p.displayName},`, `${p.count} assignments are past their response deadline:`, ...p.linesEn, ...(p.more ? [`and ${p.more} more.`] : [])],
      action: { label: 'View the agency scoreboard', url: p.url },
    }),
  },
  'proposal.responded': {
    'zh-TW': (p: ResponseMail) => ({
      subject: `${p.correction ? '機關更正回應' : '機關已回應提案'}：${p.title}`,
      paragraphs: [
        `${p.displayName} 您好：`,
        `${p.agencyZh}已${p.correction ? '更正' : '公開'}對${p.onBehalf === 'author' ? '您的' : '您附議的'}提案「${p.title}」的評估回應：${p.recommendationZh}。`,
        '回應內容與理由請見提案頁面。',
      ],
      action: { label: '查看回應', url: p.url },
      footer: p.unsubscribeUrl ? `不想再收到這個提案的通知？取消訂閱：${p.unsubscribeUrl}` : undefined,
    }),
    en: (p: ResponseMail) => ({
      subject: `${p.correction ? 'Response corrected' : 'Agency response published'}: ${p.title}`,
      paragraphs: [
        `Hello ${p.displayName},`,
        `${p.agencyEn} has ${p.correction ? 'corrected' : 'published'} its response to ${p.onBehalf === 'author' ? 'your' : 'the'} proposal "${p.title}"${p.onBehalf === 'endorser' ? ', which you endorsed' : ''}: ${p.recommendationEn}.`,
        'The full response and its reasons are on the proposal page.',
      ],
      action: { label: 'Read the response', url: p.url },
      footer: p.unsubscribeUrl ? `No more mail about this proposal? Unsubscribe: ${p.unsubscribeUrl}` : undefined,
    }),
  },
} satisfies Record<string, Record<Locale, Renderer<never>>>;

export type MailTemplateName = keyof typeof MailTemplates;
export type MailParams<T extends MailTemplateName> = Parameters<(typeof MailTemplates)[T]['zh-TW']>[0];
