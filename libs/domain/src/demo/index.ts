export * from './demo-data.service.js';
