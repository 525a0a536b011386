export * from './call.entity.js';
export * from './calls.module.js';
export * from './calls.service.js';
export * from './calls.queries.js';
