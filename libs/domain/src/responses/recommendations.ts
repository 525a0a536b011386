/** An agency's recommendation (Join: 參採 / 部分參採 / 不參採); the words are in libs/i18n. */
export type Recommendation = 'adopt' | 'partially_adopt' | 'not_adopt';
export const RECOMMENDATIONS: readonly Recommendation[] = ['adopt', 'partially_adopt', 'not_adopt'];

export interface ResponsePoint {
  question: string;
  answer: string;
}
