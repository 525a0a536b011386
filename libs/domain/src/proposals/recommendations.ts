import type { Recommendation } from './proposal.entities.js';

/** An agency's recommendation as Join words it (參採 / 部分參採 / 不參採) and in English. */
export const RECOMMENDATION_NAMES: Record<Recommendation, { zh: string; en: string }> = {
  adopt: { zh: '參採', en: 'adopt' },
  partially_adopt: { zh: '部分參採', en: 'partially adopt' },
  not_adopt: { zh: '不參採', en: 'not adopt' },
};
