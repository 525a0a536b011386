import { heldAssignmentSql } from '../assignments/index.js';
import { endorsementCountSql } from '../endorsements/index.js';
import { completionSql } from '../plans/index.js';
import { PUBLISHED_STATUSES } from '../proposals/index.js';

/*
 * The open-data datasets: each is its data dictionary (one line per column: name, type, the SQL that reads it,
 * its meaning in zh and en) and the SQL of its rows. Adding a column to an export is adding one line here; the
 * catalogue, the CSV header, the JSON keys and the dictionary all follow from it, so they cannot drift apart.
 *
 * The meanings live here as zh/en pairs, not in libs/i18n: they are documentation of published data, served in
 * both languages at once in the catalogue (a reader of either language reads the same dictionary, whatever the
 * page's locale), and they belong beside the SQL they describe: a column changed without its meaning shows up in
 * review in one place.
 */

/** Column types as the catalogue names them; JSON values follow them, CSV writes them as text. */
export const COLUMN_TYPES = ['string', 'integer', 'boolean', 'datetime', 'date', 'month', 'string[]', 'json'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** What each type means, for the catalogue's readers (zh, en). */
export const COLUMN_TYPE_NOTES: Record<ColumnType, { zh: string; en: string }> = {
  string: { zh: '文字（UTF-8）', en: 'text (UTF-8)' },
  integer: { zh: '整數', en: 'integer' },
  boolean: { zh: '真偽值（CSV 為 true / false）', en: 'true or false (the same words in CSV)' },
  datetime: { zh: 'ISO-8601 UTC 時間，例如 2026-01-31T04:00:00.000Z', en: 'ISO-8601 UTC time, e.g. 2026-01-31T04:00:00.000Z' },
  date: { zh: '日期 YYYY-MM-DD', en: 'date, YYYY-MM-DD' },
  month: { zh: '年月 YYYY-MM', en: 'month, YYYY-MM' },
  'string[]': { zh: '文字清單（JSON 為陣列；CSV 以 ; 分隔）', en: 'list of text (an array in JSON; separated by ; in CSV)' },
  json: { zh: 'JSON 值（CSV 中為 JSON 文字）', en: 'a JSON value (JSON text in CSV)' },
};

export interface DatasetColumn {
  name: string;
  type: ColumnType;
  /** The SQL expression that reads it (aliases of the dataset's `from`). */
  sql: string;
  zh: string;
  en: string;
}

export interface Dataset {
  name: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  /** The table read in the order of its primary key (the first column), with LEFT JOINs by unique key only (see BY_KEY). */
  from: string;
  /** Which records are published, with its parameters. */
  where: { sql: string; params: unknown[] };
  /** When the row last changed: the catalogue's last update is its maximum. */
  updatedAt: string;
  /** The first column is the row's unique key: rows are read in its order, a chunk at a time (keyset). */
  columns: DatasetColumn[];
}

/**
 * Every chunk is `key > last ORDER BY key LIMIT n` on the first table's primary key, and must stay a range read of
 * that key that stops after n rows. Left to itself the optimizer may start from a secondary index that matches
 * the filter (proposals by status), or join a small table (one call, a few meetings) through a join buffer: both
 * sort every remaining row for each chunk, quadratic over an export. So a dataset reads one table in primary-key
 * order (FORCE INDEX), LEFT JOINs only through unique keys, and looks everything else up in scalar subqueries
 * (evaluated per row, by primary or unique key), filters included.
 */
const BY_KEY = 'FORCE INDEX (PRIMARY)';

const col = (name: string, type: ColumnType, sql: string, zh: string, en: string): DatasetColumn => ({ name, type, sql, zh, en });

/** Assignments an agency holds, answered or held until the decision (not those handed on by re-routing or transfer). */
const HELD = heldAssignmentSql('a');
/** An agency's current answer: published and not replaced by a correction. */
const CURRENT_RESPONSE = `r.status = 'published' AND r.corrected_by_id IS NULL`;
const PUBLISHED_PROPOSAL = { sql: 'p.published_at IS NOT NULL AND p.status IN (?)', params: [PUBLISHED_STATUSES] };
/** The row's proposal (by `column`) is published. */
const ofPublishedProposal = (column: string) => ({
  sql: `(SELECT p.status FROM proposals p WHERE p.id = ${column} AND p.published_at IS NOT NULL) IN (?)`,
  params: [PUBLISHED_STATUSES],
});
/** A column of the agency `idColumn` names. */
const agency = (idColumn: string, column: 'code' | 'name_zh' | 'name_en') =>
  `(SELECT g.${column} FROM agencies g WHERE g.id = ${idColumn})`;

const proposals: Dataset = {
  name: 'proposals',
  titleZh: '提案',
  titleEn: 'Proposals',
  descriptionZh: '每一件已公開的提案一列：附議數、徵集、建議與受理機關、機關回應的建議與推動小組的決定。',
  descriptionEn:
    "One row per published proposal: endorsements, call, suggested and assigned agencies, the agencies' recommendation and the task force's decision.",
  from: `proposals p ${BY_KEY} LEFT JOIN decisions d ON d.proposal_id = p.id`,
  where: PUBLISHED_PROPOSAL,
  updatedAt: 'p.updated_at',
  // prettier-ignore
  columns: [
    col('proposal_id', 'string', 'p.id', '提案編號', 'Proposal id'),
    col('call_id', 'string', 'p.call_id', '徵集編號', 'Id of the call for proposals'),
    col('call_title_zh', 'string', '(SELECT c.title_zh FROM calls c WHERE c.id = p.call_id)', '徵集名稱（中文）', 'Title of the call (Chinese)'),
    col('call_title_en', 'string', '(SELECT c.title_en FROM calls c WHERE c.id = p.call_id)', '徵集名稱（英文）', 'Title of the call (English)'),
    col('status', 'string', 'p.status', '狀態代碼（endorsing、qualified、assigned、responded、decided、expired、withdrawn）', 'Status code (endorsing, qualified, assigned, responded, decided, expired, withdrawn)'),
    col('title', 'string', 'p.title', '提案標題', 'Title'),
    col('summary', 'string', 'p.summary', '提案摘要', 'Summary'),
    col('problem', 'string', 'p.problem', '問題描述', 'The problem'),
    col('cause', 'string', 'p.cause', '問題成因', 'Its causes'),
    col('solution', 'string', 'p.solution', '建議做法', 'The proposed solution'),
    col('expected_results', 'string', 'p.expected_results', '預期效益', 'Expected results'),
    col('ogp_transparency', 'string', 'p.ogp_transparency', '與透明價值的關聯', 'How it serves transparency'),
    col('ogp_accountability', 'string', 'p.ogp_accountability', '與課責價值的關聯', 'How it serves accountability'),
    col('ogp_participation', 'string', 'p.ogp_participation', '與參與價值的關聯', 'How it serves participation'),
    col('language', 'string', 'p.language', '撰寫語言', 'Language it is written in'),
    col('endorsement_count', 'integer', endorsementCountSql('p'), '附議數', 'Number of endorsements'),
    col('endorsement_threshold', 'integer', 'p.endorsement_threshold', '成案門檻（附議數）', 'Endorsements needed to qualify'),
    col('endorsement_deadline', 'datetime', 'p.endorsement_deadline', '附議截止時間', 'End of the endorsement period'),
    col('published_at', 'datetime', 'p.published_at', '公開時間', 'When it was published'),
    col('qualified_at', 'datetime', 'p.qualified_at', '成案時間（達附議門檻）', 'When it qualified (reached the threshold)'),
    col('closed_at', 'datetime', 'p.closed_at', '結束時間（逾期或撤回）', 'When it closed (expired or withdrawn)'),
    col('suggested_agency_ids', 'string[]', `(SELECT GROUP_CONCAT(pa.agency_id ORDER BY pa.position) FROM proposal_agencies pa WHERE pa.proposal_id = p.id)`, '提案人建議的機關編號，第一個為建議主辦', 'Agencies the author suggested (ids), the suggested lead first'),
    col('suggested_agency_codes', 'string[]', `(SELECT GROUP_CONCAT(g.code ORDER BY pa.position) FROM proposal_agencies pa JOIN agencies g ON g.id = pa.agency_id WHERE pa.proposal_id = p.id)`, '提案人建議的機關代碼', 'Agencies the author suggested (codes)'),
    col('lead_agency_id', 'string', `(SELECT a.agency_id FROM proposal_assignments a WHERE a.proposal_id = p.id AND a.role = 'lead' AND ${HELD} ORDER BY a.assigned_at DESC, a.id DESC LIMIT 1)`, '主辦機關編號', 'Lead agency (id)'),
    col('lead_agency_code', 'string', `(SELECT g.code FROM proposal_assignments a JOIN agencies g ON g.id = a.agency_id WHERE a.proposal_id = p.id AND a.role = 'lead' AND ${HELD} ORDER BY a.assigned_at DESC, a.id DESC LIMIT 1)`, '主辦機關代碼', 'Lead agency (code)'),
    col('assigned_agency_ids', 'string[]', `(SELECT GROUP_CONCAT(a.agency_id ORDER BY a.role = 'lead' DESC, a.assigned_at, a.id) FROM proposal_assignments a WHERE a.proposal_id = p.id AND ${HELD})`, '受理機關編號（主辦在前，協辦在後）', 'Assigned agencies (ids), the lead first, then co-agencies'),
    col('assigned_agency_codes', 'string[]', `(SELECT GROUP_CONCAT(g.code ORDER BY a.role = 'lead' DESC, a.assigned_at, a.id) FROM proposal_assignments a JOIN agencies g ON g.id = a.agency_id WHERE a.proposal_id = p.id AND ${HELD})`, '受理機關代碼（主辦在前）', 'Assigned agencies (codes), the lead first'),
    col('response_count', 'integer', `(SELECT COUNT(*) FROM proposal_responses r WHERE r.proposal_id = p.id AND ${CURRENT_RESPONSE})`, '已公開的機關回應數', 'Number of published agency responses'),
    col('latest_recommendation', 'string', `(SELECT r.recommendation FROM proposal_responses r WHERE r.proposal_id = p.id AND ${CURRENT_RESPONSE} ORDER BY r.published_at DESC, r.id DESC LIMIT 1)`, '最近一則機關回應的建議（adopt 參採、partially_adopt 部分參採、not_adopt 不參採）', 'Recommendation of the latest agency response (adopt, partially_adopt, not_adopt)'),
    col('decision_id', 'string', 'd.id', '推動小組決定編號', "Id of the task force's decision"),
    col('decision_outcome', 'string', 'd.outcome', '推動小組決定（adopted 採納、conditionally_adopted 有條件採納、not_adopted 不採納）', "The task force's outcome (adopted, conditionally_adopted, not_adopted)"),
    col('decision_concluded_outcome', 'string', 'd.concluded_outcome', '有條件採納的後續結論（adopted、not_adopted）', 'How a conditional adoption was concluded (adopted, not_adopted)'),
    col('decided_at', 'datetime', 'd.decided_at', '決定時間', 'When the task force decided'),
    col('updated_at', 'datetime', 'p.updated_at', '此列最後更新時間', 'When this record last changed'),
  ],
};

const responses: Dataset = {
  name: 'responses',
  titleZh: '機關回應',
  titleEn: 'Agency responses',
  descriptionZh: '每一則已公開的機關回應一列（含被更正的舊版，以 corrected_by_id 連到更正版）。',
  descriptionEn: 'One row per published agency response (a corrected one too, linked to its correction by corrected_by_id).',
  from: `proposal_responses r ${BY_KEY}`,
  where: {
    sql: `r.status = 'published' AND ${ofPublishedProposal('r.proposal_id').sql}`,
    params: ofPublishedProposal('r.proposal_id').params,
  },
  updatedAt: 'r.updated_at',
  // prettier-ignore
  columns: [
    col('response_id', 'string', 'r.id', '回應編號', 'Response id'),
    col('proposal_id', 'string', 'r.proposal_id', '提案編號（對應 proposals）', 'Proposal id (joins proposals)'),
    col('assignment_id', 'string', 'r.assignment_id', '分派編號', 'Id of the assignment it answers'),
    col('agency_id', 'string', 'r.agency_id', '回應機關編號', 'Responding agency (id)'),
    col('agency_code', 'string', agency('r.agency_id', 'code'), '回應機關代碼', 'Responding agency (code)'),
    col('agency_name_zh', 'string', agency('r.agency_id', 'name_zh'), '回應機關名稱（中文）', 'Responding agency (Chinese name)'),
    col('agency_name_en', 'string', agency('r.agency_id', 'name_en'), '回應機關名稱（英文）', 'Responding agency (English name)'),
    col('role', 'string', 'r.role', '機關角色（lead 主辦、co 協辦）', "The agency's role (lead, co)"),
    col('recommendation', 'string', 'r.recommendation', '建議（adopt 參採、partially_adopt 部分參採、not_adopt 不參採）', 'Recommendation (adopt, partially_adopt, not_adopt)'),
    col('reasoning', 'string', 'r.reasoning', '回應理由（中文）', 'Reasoning (Chinese)'),
    col('reasoning_en', 'string', 'r.reasoning_en', '回應理由（英文）', 'Reasoning (English)'),
    col('points', 'json', 'r.points', '逐點回應：[{question, answer}]', 'Point-by-point answers: [{question, answer}]'),
    col('follow_up', 'string', 'r.follow_up', '後續辦理方式', 'Follow-up the agency announces'),
    col('follow_up_on', 'date', `DATE_FORMAT(r.follow_up_on, '%Y-%m-%d')`, '後續辦理日期', 'Date of the follow-up'),
    col('corrects_id', 'string', 'r.corrects_id', '此回應更正的前一版回應編號', 'The response this one corrects'),
    col('corrected_by_id', 'string', 'r.corrected_by_id', '更正此回應的新版回應編號（空白為現行版）', 'The response that corrects this one (empty: current)'),
    col('due_at', 'datetime', 'r.due_at', '回應期限', 'Deadline the response was due by'),
    col('published_at', 'datetime', 'r.published_at', '公開時間', 'When it was published'),
    col('updated_at', 'datetime', 'r.updated_at', '此列最後更新時間', 'When this record last changed'),
  ],
};

const decisions: Dataset = {
  name: 'decisions',
  titleZh: '推動小組決定',
  titleEn: 'Task-force decisions',
  descriptionZh: '推動小組對每一件提案的決定與理由一列，含表決數與有條件採納的後續結論。',
  descriptionEn:
    "One row per task-force decision on a proposal, with its reasons, the vote counts and a conditional adoption's conclusion.",
  from: `decisions d ${BY_KEY}`,
  where: ofPublishedProposal('d.proposal_id'),
  updatedAt: 'd.updated_at',
  // prettier-ignore
  columns: [
    col('decision_id', 'string', 'd.id', '決定編號', 'Decision id'),
    col('proposal_id', 'string', 'd.proposal_id', '提案編號（對應 proposals）', 'Proposal id (joins proposals)'),
    col('meeting_id', 'string', 'd.meeting_id', '會議編號（對應 meetings）', 'Meeting id (joins meetings)'),
    col('meeting_number', 'integer', '(SELECT m.number FROM meetings m WHERE m.id = d.meeting_id)', '會議次別', 'Meeting number'),
    col('outcome', 'string', 'd.outcome', '決定（adopted 採納、conditionally_adopted 有條件採納、not_adopted 不採納）', 'Outcome (adopted, conditionally_adopted, not_adopted)'),
    col('method', 'string', 'd.method', '決定方式（consensus 共識、vote 表決）', 'How it was decided (consensus, vote)'),
    col('reasoning', 'string', 'd.reasoning', '決定理由（中文）', 'Reasons (Chinese)'),
    col('reasoning_en', 'string', 'd.reasoning_en', '決定理由（英文）', 'Reasons (English)'),
    col('condition_zh', 'string', 'd.condition_zh', '有條件採納的條件（中文）', 'Condition of a conditional adoption (Chinese)'),
    col('condition_en', 'string', 'd.condition_en', '有條件採納的條件（英文）', 'Condition of a conditional adoption (English)'),
    col('attendees', 'integer', 'd.attendees', '決定時的出席人數', 'Members present when it was decided'),
    col('agreed_to_vote', 'integer', 'd.agreed_to_vote', '同意表決人數', 'Members who agreed to hold a vote'),
    col('votes_for', 'integer', 'd.votes_for', '贊成票', 'Votes for'),
    col('votes_against', 'integer', 'd.votes_against', '反對票', 'Votes against'),
    col('abstentions', 'integer', 'd.abstentions', '棄權', 'Abstentions'),
    col('decided_at', 'datetime', 'd.decided_at', '決定時間', 'When it was decided'),
    col('concluded_outcome', 'string', 'd.concluded_outcome', '有條件採納的結論（adopted、not_adopted）', 'Conclusion of a conditional adoption (adopted, not_adopted)'),
    col('concluded_reasoning', 'string', 'd.concluded_reasoning', '結論理由（中文）', 'Reasons of the conclusion (Chinese)'),
    col('concluded_reasoning_en', 'string', 'd.concluded_reasoning_en', '結論理由（英文）', 'Reasons of the conclusion (English)'),
    col('concluded_meeting_id', 'string', 'd.concluded_meeting_id', '作成結論的會議編號', 'Meeting that concluded it'),
    col('concluded_at', 'datetime', 'd.concluded_at', '結論時間', 'When it was concluded'),
    col('updated_at', 'datetime', 'd.updated_at', '此列最後更新時間', 'When this record last changed'),
  ],
};

const attendeesOf = (side: string) =>
  `(SELECT COUNT(*) FROM meeting_attendees ma JOIN task_force_members tm ON tm.id = ma.member_id WHERE ma.meeting_id = m.id AND tm.side = '${side}')`;

const meetings: Dataset = {
  name: 'meetings',
  titleZh: '推動小組會議',
  titleEn: 'Task-force meetings',
  descriptionZh: '推動小組每一次會議一列：日期、會議紀錄、出席人數（政府與民間）與議程上的提案。',
  descriptionEn:
    'One row per task-force meeting: date, minutes, attendance (government and civil society) and the proposals on its agenda.',
  from: `meetings m ${BY_KEY}`,
  where: { sql: '1 = 1', params: [] },
  updatedAt: 'm.updated_at',
  // prettier-ignore
  columns: [
    col('meeting_id', 'string', 'm.id', '會議編號', 'Meeting id'),
    col('number', 'integer', 'm.number', '會議次別', 'Meeting number'),
    col('held_on', 'date', `DATE_FORMAT(m.held_on, '%Y-%m-%d')`, '開會日期', 'Date held'),
    col('title_zh', 'string', 'm.title_zh', '會議名稱（中文）', 'Title (Chinese)'),
    col('title_en', 'string', 'm.title_en', '會議名稱（英文）', 'Title (English)'),
    col('minutes_url', 'string', 'm.minutes_url', '會議紀錄網址', 'Address of the minutes'),
    col('transcript_url', 'string', 'm.transcript_url', '逐字稿網址', 'Address of the transcript'),
    col('minutes_zh', 'string', 'm.minutes_zh', '會議紀錄（中文）', 'Minutes (Chinese)'),
    col('minutes_en', 'string', 'm.minutes_en', '會議紀錄（英文）', 'Minutes (English)'),
    col('attendees', 'integer', '(SELECT COUNT(*) FROM meeting_attendees ma WHERE ma.meeting_id = m.id)', '出席人數', 'Members present'),
    col('attendees_government', 'integer', attendeesOf('government'), '出席的政府代表人數', 'Government members present'),
    col('attendees_civil_society', 'integer', attendeesOf('civil_society'), '出席的民間代表人數', 'Civil-society members present'),
    col('agenda_proposal_ids', 'string[]', '(SELECT GROUP_CONCAT(i.proposal_id ORDER BY i.position) FROM meeting_agenda_items i WHERE i.meeting_id = m.id)', '議程上的提案編號（對應 proposals），依議程順序', 'Proposals on the agenda (ids, joining proposals), in agenda order'),
    col('updated_at', 'datetime', 'm.updated_at', '此列最後更新時間', 'When this record last changed'),
  ],
};

const agenciesOf = (role: 'lead' | 'co', what: 'agency_id' | 'code') =>
  `(SELECT GROUP_CONCAT(${what === 'code' ? 'g.code' : 'ca.agency_id'} ORDER BY ca.position) FROM commitment_agencies ca
     JOIN agencies g ON g.id = ca.agency_id WHERE ca.commitment_id = k.id AND ca.role = '${role}')`;

const commitments: Dataset = {
  name: 'commitments',
  titleZh: '承諾事項',
  titleEn: 'Commitments',
  descriptionZh: '國家行動方案的每一項承諾事項一列，含所屬方案與主協辦機關。',
  descriptionEn: 'One row per commitment of an action plan, with its plan and its lead and co-agencies.',
  from: `commitments k ${BY_KEY}`,
  where: { sql: '1 = 1', params: [] },
  updatedAt: 'k.updated_at',
  // prettier-ignore
  columns: [
    col('commitment_id', 'string', 'k.id', '承諾事項編號', 'Commitment id'),
    col('plan_id', 'string', 'k.plan_id', '行動方案編號', 'Action plan id'),
    col('plan_code', 'string', '(SELECT pl.code FROM plans pl WHERE pl.id = k.plan_id)', '行動方案代碼', 'Action plan code'),
    col('plan_title_zh', 'string', '(SELECT pl.title_zh FROM plans pl WHERE pl.id = k.plan_id)', '行動方案名稱（中文）', 'Action plan title (Chinese)'),
    col('proposal_id', 'string', 'k.proposal_id', '來源提案編號（對應 proposals；由民眾提案而來時）', 'The proposal it was made from (joins proposals), when it came from one'),
    col('origin', 'string', 'k.origin', '來源（civil_society 民間提案、government_agency 機關、task_force_civil_member 推動小組民間委員、irm_researcher 獨立審查研究員）', 'Origin (civil_society, government_agency, task_force_civil_member, irm_researcher)'),
    col('origin_zh', 'string', 'k.origin_zh', '來源說明（原文）', 'Origin as the plan writes it (Chinese)'),
    col('code', 'string', 'k.code', '承諾事項編碼（方案內）', 'Commitment code within its plan'),
    col('position', 'integer', 'k.position', '方案內的順序', 'Order within the plan'),
    col('area_zh', 'string', 'k.area_zh', '領域（中文）', 'Area (Chinese)'),
    col('area_en', 'string', 'k.area_en', '領域（英文）', 'Area (English)'),
    col('title_zh', 'string', 'k.title_zh', '名稱（中文）', 'Title (Chinese)'),
    col('title_en', 'string', 'k.title_en', '名稱（英文）', 'Title (English)'),
    col('summary_zh', 'string', 'k.summary_zh', '摘要（中文）', 'Summary (Chinese)'),
    col('period_start', 'string', 'k.period_start', '執行期間起（YYYY 或 YYYY-MM，依原文）', 'Start of the period (YYYY or YYYY-MM, as the plan gives it)'),
    col('period_end', 'string', 'k.period_end', '執行期間迄（YYYY 或 YYYY-MM，依原文）', 'End of the period (YYYY or YYYY-MM, as the plan gives it)'),
    col('problem_zh', 'string', 'COALESCE(k.problem_full_zh, k.problem_zh)', '問題界定：承諾事項旨在解決的問題（中文）', 'Problem definition: the problem the commitment addresses (Chinese)'),
    col('problem_en', 'string', 'k.problem_en', '問題摘要（英文）', 'The problem in brief (English)'),
    col('problem_cause_zh', 'string', 'k.problem_cause_zh', '造成問題的原因（中文）', 'Causes of the problem (Chinese)'),
    col('description_zh', 'json', 'k.description_zh', '承諾事項描述：範本各題的回答（2021 年：publicProblem、commitmentDescription、contribution、ogpValuesRelevance；2025 年：measuresSoFar、proposedSolution、expectedResults）', 'Description: the answers to the template questions (2021: publicProblem, commitmentDescription, contribution, ogpValuesRelevance; 2025: measuresSoFar, proposedSolution, expectedResults)'),
    col('analysis_zh', 'json', 'k.analysis_zh', '承諾事項分析：如何提升透明度、課責性與公民參與（transparency、accountability、participation）', 'Analysis: how it improves transparency, accountability and participation'),
    col('stakeholders', 'json', 'k.stakeholders', '利害關係人（政府部門、公民社會、其他）', 'Stakeholders (government, civil society, other)'),
    col('other_information_zh', 'string', 'k.other_information_zh', '其他資訊（預算、與其他計畫或 SDGs 的關聯）', 'Other information (budget, links to other plans and the SDGs)'),
    col('results_zh', 'string', 'COALESCE(k.results_full_zh, k.results_summary_zh)', '具體績效（中文）', 'Results so far (Chinese)'),
    col('contact_name', 'string', 'k.contact_name', '聯絡人', 'Contact person'),
    col('contact_department_zh', 'string', 'COALESCE(k.contact_title_dept, k.contact_department_zh)', '聯絡人職稱與單位', "Contact's title and department"),
    col('lead_co_as_written_zh', 'string', 'k.lead_co_as_written_zh', '原文的主協辦機關欄', 'The lead/co-agency cell as the plan writes it'),
    col('lead_agency_ids', 'string[]', agenciesOf('lead', 'agency_id'), '主辦機關編號', 'Lead agencies (ids)'),
    col('lead_agency_codes', 'string[]', agenciesOf('lead', 'code'), '主辦機關代碼', 'Lead agencies (codes)'),
    col('co_agency_ids', 'string[]', agenciesOf('co', 'agency_id'), '協辦機關編號', 'Co-agencies (ids)'),
    col('co_agency_codes', 'string[]', agenciesOf('co', 'code'), '協辦機關代碼', 'Co-agencies (codes)'),
    col('created_at', 'datetime', 'k.created_at', '建立時間', 'When it was recorded'),
    col('updated_at', 'datetime', 'k.updated_at', '此列最後更新時間', 'When this record last changed'),
  ],
};

const milestones: Dataset = {
  name: 'milestones',
  titleZh: '里程碑與績效指標',
  titleEn: 'Milestones and indicators',
  descriptionZh: '每一個里程碑（2021 年方案稱績效指標）一列，以 commitment_id 連到承諾事項。',
  descriptionEn: 'One row per milestone (an indicator in the 2021 plan), joined to its commitment by commitment_id.',
  from: `milestones ms ${BY_KEY}`,
  where: { sql: '1 = 1', params: [] },
  updatedAt: 'ms.updated_at',
  // prettier-ignore
  columns: [
    col('milestone_id', 'string', 'ms.id', '里程碑編號', 'Milestone id'),
    col('commitment_id', 'string', 'ms.commitment_id', '承諾事項編號（對應 commitments）', 'Commitment id (joins commitments)'),
    col('plan_id', 'string', '(SELECT k.plan_id FROM commitments k WHERE k.id = ms.commitment_id)', '行動方案編號', 'Action plan id'),
    col('position', 'integer', 'ms.position', '承諾事項內的順序', 'Order within the commitment'),
    col('title_zh', 'string', 'ms.title_zh', '名稱（中文）', 'Title (Chinese)'),
    col('title_en', 'string', 'ms.title_en', '名稱（英文）', 'Title (English)'),
    col('expected_output_zh', 'string', 'ms.expected_output_zh', '預期產出（中文）', 'Expected output (Chinese)'),
    col('starts', 'month', 'ms.starts', '開始年月', 'Start month'),
    col('due', 'month', 'ms.due', '完成年月', 'Due month'),
    col('stakeholders_as_written_zh', 'string', 'ms.stakeholders_as_written_zh', '利害關係人（原文）', 'Stakeholders as the plan writes them (Chinese)'),
    col('updated_at', 'datetime', 'ms.updated_at', '此列最後更新時間', 'When this record last changed'),
  ],
};

const progress: Dataset = {
  name: 'progress',
  titleZh: '年度執行進度',
  titleEn: 'Yearly progress',
  descriptionZh: '每一個里程碑每一年的執行進度一列，以 milestone_id 連到里程碑。',
  descriptionEn: 'One row per milestone and year of reported progress, joined to its milestone by milestone_id.',
  from: `milestone_progress mp ${BY_KEY}`,
  where: { sql: '1 = 1', params: [] },
  updatedAt: 'mp.updated_at',
  // prettier-ignore
  columns: [
    col('progress_id', 'string', 'mp.id', '進度報告編號', 'Progress report id'),
    col('milestone_id', 'string', 'mp.milestone_id', '里程碑編號（對應 milestones）', 'Milestone id (joins milestones)'),
    col('commitment_id', 'string', '(SELECT ms.commitment_id FROM milestones ms WHERE ms.id = mp.milestone_id)', '承諾事項編號（對應 commitments）', 'Commitment id (joins commitments)'),
    col('year', 'integer', 'mp.year', '年度', 'Year reported on'),
    col('status', 'string', 'mp.status', '進度（not_started 未開始、limited 有限、substantial_or_complete 實質進展或完成）', 'Status (not_started, limited, substantial_or_complete)'),
    col('complete', 'boolean', 'mp.complete', '已完成（僅 substantial_or_complete 時可能為真）', 'Complete (only with substantial_or_complete)'),
    col('completion', 'string', completionSql('mp.status', 'mp.complete'), '獨立審查機制的完成度（not_started、limited、substantial、complete）', "The independent reviewers' completion scale (not_started, limited, substantial, complete)"),
    col('narrative', 'string', 'mp.narrative', '執行情形說明（中文）', 'What was done (Chinese)'),
    col('narrative_en', 'string', 'mp.narrative_en', '執行情形說明（英文）', 'What was done (English)'),
    col('evidence_urls', 'json', 'mp.evidence_urls', '佐證資料網址', 'Addresses of the evidence'),
    col('agency_id', 'string', 'mp.agency_id', '填報機關編號（對應 agencies）', 'Reporting agency (id)'),
    col('updated_at', 'datetime', 'mp.updated_at', '此列最後更新時間', 'When this record last changed'),
  ],
};

/** Every dataset, in catalogue order. */
export const DATASETS: readonly Dataset[] = [proposals, responses, decisions, meetings, commitments, milestones, progress];

export function datasetNamed(name: string): Dataset | undefined {
  return DATASETS.find((d) => d.name === name);
}
