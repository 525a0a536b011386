// Jest's VM cannot require() an ES module that is still being linked (a "cycle"), which is what
// happens when a CommonJS package (@nestjs/throttler, nestjs-pino) requires the ESM-only
// @nestjs/common 12 from inside a test's module graph. Evaluating Nest's ESM packages before the
// test file is linked lets those require() calls find them ready.
await import('@nestjs/common');
await import('@nestjs/core');
