export * from './locale.js';
export * from './translate.js';
export * from './vocabulary.js';
