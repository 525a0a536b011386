import { ManualClock } from '#config';
import type { JobName } from '#queue';
import { ProposalsProcessor } from '../../apps/worker/src/processors/proposals.processor.js';
import { type SignedIn, registerUser } from './http.js';
import { ADMIN_ENV, Routing } from './routing.js';
import type { TestApp } from './test-app.js';

export const HOUR = 3_600_000;
export const answer = { recommendation: 'adopt', reasoning: '同意辦理。' };
/** The app's environment: the routing admin, and no scheduled jobs (the tests run them with `run`). */
export const DEADLINES_ENV = { ...ADMIN_ENV, WORKER_SCHEDULES: 'false' };

/** A clock at Monday 2026-11-30, 10:00 in Taipei. */
export const monday = () => new ManualClock(new Date('2026-11-30T02:00:00Z'));

/**
 * The cast of the deadline tests: the routing cast, a moderated call (`triage`), one staff member each of moenv,
 * moa (in English) and ndc, and a second moderator (in English), with a way to run the deadline jobs.
 */
export class Deadlines extends Routing {
  triage!: string;
  moenvStaff!: SignedIn;
  moaStaff!: SignedIn;
  ndcStaff!: SignedIn;
  secondModerator!: SignedIn;

  static override async setUp(t: TestApp, clock: ManualClock): Promise<Deadlines> {
    // The routing cast (admin, author, moderator, agencies), taken over by a Deadlines.
    const r = Object.assign(new Deadlines(t, clock), await Routing.setUp(t, clock));
    r.triage = await r.call({ routeToSuggestedAgency: false });
    r.moenvStaff = await r.staffOf('moenv');
    r.moaStaff = await r.staffOf('moa', { locale: 'en' });
    r.ndcStaff = await r.staffOf('ndc');
    r.secondModerator = await r.withRoles(await registerUser(t, { locale: 'en' }), ['moderator']);
    return r;
  }

  /** Runs a scheduled job the way the worker does; tests run each one twice, and concurrently, to prove idempotence. */
  run(name: typeof JobName.AssignmentDeadlines | typeof JobName.AssignmentOverdueDigest) {
    return this.t.app.get(ProposalsProcessor).handlers[name]!({} as never, {} as never);
  }
}
