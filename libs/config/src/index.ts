export * from './app-config.js';
export * from './clock.js';
export * from './config.module.js';
export * from './env.schema.js';
export * from './known-secrets.js';
export * from './logging.module.js';
export * from './redact-url.js';
export * from './with-timeout.js';
