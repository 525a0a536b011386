export * from './database-options.js';
export * from './database.module.js';
export * from './ids.js';
export * from './migrator.js';
export * from './naming.js';
export * from './data-files.js';
export * from './batch-pool.js';
export * from './errors.js';
