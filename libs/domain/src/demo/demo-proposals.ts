import type { ProposalContent } from '../proposals/index.js';

/**
 * Demo proposals, one at each stage: waiting for review, endorsing, assigned to 環境部 (so the demo agency
 * account has an inbox), answered by it, and decided by the task force after its answer.
 */
export const DEMO_PROPOSALS: {
  stage: 'pending_review' | 'endorsing' | 'assigned' | 'responded' | 'decided';
  content: ProposalContent;
}[] = [
  {
    stage: 'pending_review',
    content: {
      title: '公開各縣市空氣品質感測器原始資料',
      summary: '請環境部彙整並以開放授權公開各地微型感測器的原始量測資料。',
      problem: '民間與學界難以取得感測器原始資料，只能看到彙整後的指標。',
      solution: '建立統一的資料格式與 API，每小時更新並以政府資料開放授權條款釋出。',
    },
  },
  {
    stage: 'endorsing',
    content: {
      title: '建立國家行動方案的線上進度儀表板',
      summary: '把每項承諾事項的里程碑與年度進度做成公開儀表板，方便民眾追蹤。',
      problem: '進度報告散在不同機關網站的 PDF 中，難以比較與追蹤。',
      solution: '以開放資料格式發布進度，並提供可訂閱的更新通知。',
      ogpValues: { transparency: '公開各機關辦理進度', accountability: '延宕項目需說明理由' },
    },
  },
  {
    stage: 'assigned',
    content: {
      title: '淨零轉型政策的公民審議會議',
      summary: '在淨零轉型的關鍵策略定案前，以抽籤方式邀集公民審議並公開結論。',
      problem: '淨零政策影響生活甚鉅，但民眾參與多限於說明會，意見難以影響決策。',
      solution: '每年舉辦至少一場抽籤產生代表的公民審議會議，主管機關須書面回應結論。',
    },
  },
  {
    stage: 'responded',
    content: {
      title: '公開環境影響評估會議的逐字稿',
      summary: '環評審查會議除會議紀錄外，也應公開完整逐字稿與簡報資料。',
      problem: '會議紀錄過於簡略，外界無法得知委員與開發單位實際討論內容。',
      solution: '會後一個月內於環評書件查詢系統公開逐字稿與簡報。',
    },
  },
  {
    stage: 'decided',
    content: {
      title: '公開環境部補助計畫的成果報告',
      summary: '環境部補助民間團體與地方政府的計畫，其成果報告應以開放資料公開。',
      problem: '補助計畫的成果只在機關內部結案，外界無法檢視經費成效。',
      solution: '結案後三個月內公開成果報告與經費使用摘要，並提供可下載的資料集。',
    },
  },
];

export const DEMO_RESPONSE = {
  recommendation: 'partially_adopt' as const,
  reasoning: '本部同意自明年起公開環評大會之逐字稿；專案小組初審會議因涉及尚未確定之開發資訊，將先公開會議紀錄與簡報，逐字稿另行研議。',
  reasoningEn:
    'From next year the ministry will publish verbatim transcripts of the plenary EIA meetings. For the preliminary review meetings it will publish minutes and slides first and study transcripts separately.',
  points: [
    { question: '是否公開逐字稿？', answer: '環評大會自明年起公開；專案小組初審會議另行研議。' },
    { question: '公開期限？', answer: '會後一個月內。' },
  ],
  followUp: '邀請提案人與附議人代表參加協作會議，討論初審會議的公開方式。',
};

/**
 * A small task force for the demo, half government and half civil society (seed 003): the convener and the
 * government members name their agency by code; the co-convener comes from the civil-society members.
 */
export const DEMO_TASK_FORCE = [
  { name: '示範召集人（政務委員）', side: 'government', role: 'convener', agencyCode: 'ndc' },
  { name: '示範政府委員（國發會）', side: 'government', role: 'member', agencyCode: 'ndc' },
  { name: '示範政府委員（環境部）', side: 'government', role: 'member', agencyCode: 'moenv' },
  { name: '示範共同召集人（民間）', side: 'civil_society', role: 'co_convener' },
  { name: '示範民間委員（公民團體）', side: 'civil_society', role: 'member' },
  { name: '示範民間委員（學者）', side: 'civil_society', role: 'member' },
] as const;

/** The demo decision: a vote of the six attendees (four agreed to vote; four for, one against, one abstaining). */
export const DEMO_DECISION = {
  outcome: 'adopted' as const,
  method: 'vote' as const,
  agreedToVote: 4,
  votesFor: 4,
  votesAgainst: 1,
  abstentions: 1,
  reasoning: '未能達成共識，經出席委員過半數同意後表決，以四票贊成採納；請環境部據以研擬承諾事項。',
  reasoningEn:
    'Consensus was not reached; more than half of those present agreed to vote, and the proposal was adopted with four votes for. The Ministry of Environment is asked to draft a commitment from it.',
};
