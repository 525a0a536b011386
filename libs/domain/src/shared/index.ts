export * from './app-secrets.service.js';
export * from './domain-errors.js';
export * from './micro-batcher.js';
export * from './paginate.js';
export * from './roles.js';
export * from './shared.module.js';
export * from './time.js';
export * from './calendar/index.js';
