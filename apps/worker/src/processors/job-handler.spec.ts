import { ALL_JOB_NAMES } from '#queue';
import {
  AssignmentsJobs,
  type DeadlinesService,
  EndorsementsJobs,
  type EndorserFanOut,
  NotificationsJobs,
  type QualificationService,
  type RoutingService,
} from '#domain';
import type { MailSenderService } from '#mail';
import type { OutboxStore } from '../outbox/outbox.store.js';
import { catalogueProblems } from './job-handler.js';
import { MailProcessor } from './mail.processor.js';
import { ProposalsProcessor } from './proposals.processor.js';

const contextJobs = () =>
  [
    new NotificationsJobs({} as EndorserFanOut),
    new EndorsementsJobs({} as QualificationService),
    new AssignmentsJobs({} as RoutingService, {} as DeadlinesService),
  ] as const;
const proposalsProcessor = () => new ProposalsProcessor(contextJobs()[1], contextJobs()[2], contextJobs()[0], {} as OutboxStore);

describe('job catalogue', () => {
  it('every job of the catalogue has exactly one handler among the contexts', () => {
    expect(catalogueProblems([new MailProcessor({} as MailSenderService, {} as OutboxStore), ...contextJobs()], ALL_JOB_NAMES)).toEqual([]);
  });

  it('every job of the catalogue has exactly one handler in the worker', () => {
    const processors = [new MailProcessor({} as MailSenderService, {} as OutboxStore), proposalsProcessor()];
    expect(catalogueProblems(processors, ALL_JOB_NAMES)).toEqual([]);
  });

  it('reports a job without a handler, one handled twice, and a handler for an unknown job', () => {
    const mail = new MailProcessor({} as MailSenderService, {} as OutboxStore);
    const proposals = proposalsProcessor();
    expect(catalogueProblems([proposals], ALL_JOB_NAMES)).toEqual(['mail.send has 0 handlers']);
    expect(catalogueProblems([mail, mail, proposals], ALL_JOB_NAMES)).toEqual(['mail.send has 2 handlers']);
    expect(catalogueProblems([mail, proposals, { handlers: { 'ghost.job': async () => undefined } as never }], ALL_JOB_NAMES)).toEqual([
      'ghost.job is not in the catalogue',
    ]);
  });
});
