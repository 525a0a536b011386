export * from './endorsement.entity.js';
export * from './endorsements.jobs.js';
export * from './endorsements.module.js';
export { COUNTER_SHARDS, endorsementCount, endorsementCountSql, endorsementCounts } from './endorsements.queries.js';
export * from './endorsements.service.js';
export * from './qualification.service.js';
