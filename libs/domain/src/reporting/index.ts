export * from './agency-inbox.service.js';
export * from './open-data.datasets.js';
export * from './open-data.service.js';
export * from './proposal-queries.service.js';
export * from './reporting.module.js';
export * from './scoreboard.service.js';
export * from './statistics.service.js';
