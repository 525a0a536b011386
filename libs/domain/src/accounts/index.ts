export * from './account-view.js';
export * from './accounts.module.js';
export * from './accounts.service.js';
export * from './email-identity.js';
export * from './recipients.queries.js';
export * from './user.entity.js';
export * from './user-search.service.js';
