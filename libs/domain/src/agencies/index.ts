export * from './agencies.module.js';
export * from './agencies.service.js';
export * from './agency.entity.js';
export * from './agencies.queries.js';
