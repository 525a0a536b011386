import { ALL_JOB_NAMES } from '#queue';
import type { MailSenderService } from '#mail';
import { catalogueProblems } from './job-handler.js';
import { MailProcessor } from './mail.processor.js';

describe('job catalogue', () => {
  it('every job of the catalogue has exactly one handler in the worker', () => {
    const processors = [new MailProcessor({} as MailSenderService)];
    expect(catalogueProblems(processors, ALL_JOB_NAMES)).toEqual([]);
  });

  it('reports a job without a handler, one handled twice, and a handler for an unknown job', () => {
    const mail = new MailProcessor({} as MailSenderService);
    expect(catalogueProblems([], ALL_JOB_NAMES)).toEqual(['mail.send has 0 handlers']);
    expect(catalogueProblems([mail, mail], ALL_JOB_NAMES)).toEqual(['mail.send has 2 handlers']);
    expect(catalogueProblems([mail, { handlers: { 'ghost.job': async () => undefined } as never }], ALL_JOB_NAMES)).toEqual([
      'ghost.job is not in the catalogue',
    ]);
  });
});
