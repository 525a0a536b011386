export * from './decision.entities.js';
export * from './decisions.module.js';
