import { CAPPED_EXPONENTIAL, JOBS, JobName, MAX_BACKOFF_MS, backoffStrategy } from './jobs.js';

describe('backoffStrategy', () => {
  const job = { opts: { backoff: { type: CAPPED_EXPONENTIAL, delay: 5_000 } } };

  it('doubles from the base delay and never waits more than an hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffStrategy(n, CAPPED_EXPONENTIAL, undefined, job))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffStrategy(30, CAPPED_EXPONENTIAL, undefined, job)).toBe(MAX_BACKOFF_MS);
  });

  it('keeps a mail job retrying for more than a day of SMTP outage', () => {
    const { attempts, backoff } = JOBS[JobName.MailSend].opts;
    let total = 0;
    for (let n = 1; n < attempts!; n++) total += backoffStrategy(n, (backoff as { type: string }).type, undefined, JOBS[JobName.MailSend]);
    expect(total).toBeGreaterThan(86_400_000);
  });
});
