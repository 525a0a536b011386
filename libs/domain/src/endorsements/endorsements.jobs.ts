import { Injectable, Logger } from '@nestjs/common';
import { JobName, type JobHandlers } from '#queue';
import { QualificationService } from './qualification.service.js';

/** The jobs of the endorsements context. */
@Injectable()
export class EndorsementsJobs {
  private readonly logger = new Logger(EndorsementsJobs.name);

  constructor(private readonly qualification: QualificationService) {}

  readonly handlers: JobHandlers = {
    [JobName.ProposalSweep]: async () => {
      const r = await this.qualification.sweep();
      if (r.qualified || r.expired) this.logger.log(r, 'proposal sweep');
      return r;
    },
  };
}
