export * from './recommendations.js';
export * from './response.entity.js';
export * from './responses.module.js';
export * from './responses.service.js';
