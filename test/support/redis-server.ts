/** A throwaway redis-server on its own port, for tests that stop and restart Redis (shared with `npm run faults`). */
export { RedisProcess as DisposableRedis } from '../harness/harness.ts';
