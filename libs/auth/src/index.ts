export * from './access-token.js';
export * from './auth-user.js';
export * from './auth.module.js';
export * from './guards.js';
export * from './redis-throttler.storage.js';
export * from './token.service.js';
