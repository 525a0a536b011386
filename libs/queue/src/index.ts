export * from './jobs.js';
export * from './outbox-message.entity.js';
export * from './outbox.service.js';
export * from './queue.module.js';
export * from './worker-instance.js';
