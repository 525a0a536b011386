/** Coded reasons for returning or rejecting a proposal (moderation rules of Join-like platforms). */
export const REVIEW_REASONS = {
  out_of_scope: { zh: '非屬本徵集範圍', en: 'out of the call’s scope' },
  unlawful_or_defamatory: { zh: '內容違法或涉及誹謗', en: 'unlawful or defamatory' },
  personal_attack: { zh: '涉及人身攻擊', en: 'personal attack' },
  advertising: { zh: '廣告或商業宣傳', en: 'advertising' },
  duplicate: { zh: '與既有提案重複', en: 'duplicate of an existing proposal' },
  unclear: { zh: '內容不明確', en: 'unclear' },
  other: { zh: '其他', en: 'other' },
} as const;
export type ReviewReasonCode = keyof typeof REVIEW_REASONS;
export const REVIEW_REASON_CODES = Object.keys(REVIEW_REASONS) as ReviewReasonCode[];
