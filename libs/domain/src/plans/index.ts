export * from './plan.entities.js';
export * from './plans.module.js';
export * from './plans.service.js';
