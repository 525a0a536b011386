export * from './assignments.js';
export * from './calls.js';
export * from './decisions.js';
export * from './plans.js';
export * from './proposals.js';
export * from './responses.js';
export * from './users.js';
export * from './mail.js';
