import { Injectable } from '@nestjs/common';
import { JobName, type JobHandlers } from '#queue';
import { EndorserFanOut } from './endorser-fan-out.service.js';

/** The jobs of the notifications context. */
@Injectable()
export class NotificationsJobs {
  constructor(private readonly fanOut: EndorserFanOut) {}

  readonly handlers: JobHandlers = {
    [JobName.ProposalNotifyEndorsers]: async (payload) => this.fanOut.notifyBatch(payload),
  };
}
