/** Coded reasons for returning or rejecting a proposal (moderation rules of Join-like platforms); words in libs/i18n. */
export const REVIEW_REASON_CODES = [
  'out_of_scope',
  'unlawful_or_defamatory',
  'personal_attack',
  'advertising',
  'duplicate',
  'unclear',
  'other',
] as const;
export type ReviewReasonCode = (typeof REVIEW_REASON_CODES)[number];
