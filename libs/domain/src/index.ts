/** The domain's public surface: each context's index, nothing deeper. */
export * from './shared/index.js';
export * from './agencies/index.js';
export * from './accounts/index.js';
export * from './calls/index.js';
export * from './notifications/index.js';
export * from './proposals/index.js';
export * from './endorsements/index.js';
export * from './assignments/index.js';
export * from './responses/index.js';
export * from './decisions/index.js';
export * from './plans/index.js';
export * from './reporting/index.js';
export * from './demo/index.js';
export * from './domain.module.js';
