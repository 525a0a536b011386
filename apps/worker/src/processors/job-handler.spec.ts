import { ALL_JOB_NAMES } from '#queue';
import type { DeadlinesService, QualificationService } from '#domain';
import type { MailSenderService } from '#mail';
import { catalogueProblems } from './job-handler.js';
import { MailProcessor } from './mail.processor.js';
import { ProposalsProcessor } from './proposals.processor.js';

describe('job catalogue', () => {
  it('every job of the catalogue has exactly one handler in the worker', () => {
    const processors = [new MailProcessor({} as MailSenderService), new ProposalsProcessor({} as QualificationService, {} as DeadlinesService)];
    expect(catalogueProblems(processors, ALL_JOB_NAMES)).toEqual([]);
  });

  it('reports a job without a handler, one handled twice, and a handler for an unknown job', () => {
    const mail = new MailProcessor({} as MailSenderService);
    const proposals = new ProposalsProcessor({} as QualificationService, {} as DeadlinesService);
    expect(catalogueProblems([proposals], ALL_JOB_NAMES)).toEqual(['mail.send has 0 handlers']);
    expect(catalogueProblems([mail, mail, proposals], ALL_JOB_NAMES)).toEqual(['mail.send has 2 handlers']);
    expect(catalogueProblems([mail, proposals, { handlers: { 'ghost.job': async () => undefined } as never }], ALL_JOB_NAMES)).toEqual([
      'ghost.job is not in the catalogue',
    ]);
  });
});
