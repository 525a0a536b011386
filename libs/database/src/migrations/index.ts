import { CreateFoundation1764000000000 } from './1764000000000-CreateFoundation.js';
import { CreateProposals1764100000000 } from './1764100000000-CreateProposals.js';
import { CreateResponses1764200000000 } from './1764200000000-CreateResponses.js';
import { CreateMailOptOuts1764300000000 } from './1764300000000-CreateMailOptOuts.js';
import { OutboxUntilDone1764400000000 } from './1764400000000-OutboxUntilDone.js';
import { CanonicalEmails1764500000000 } from './1764500000000-CanonicalEmails.js';
import { CreateDecisions1764600000000 } from './1764600000000-CreateDecisions.js';
import { CompletePlans1764700000000 } from './1764700000000-CompletePlans.js';
import { ReportingIndexes1764750000000 } from './1764750000000-ReportingIndexes.js';
import { CreateCalendar1764800000000 } from './1764800000000-CreateCalendar.js';

/** Every migration, oldest first. Listed explicitly so the same list works from src (tests) and dist. */
export const migrations = [
  CreateFoundation1764000000000,
  CreateProposals1764100000000,
  CreateResponses1764200000000,
  CreateMailOptOuts1764300000000,
  OutboxUntilDone1764400000000,
  CanonicalEmails1764500000000,
  CreateDecisions1764600000000,
  CompletePlans1764700000000,
  ReportingIndexes1764750000000,
  CreateCalendar1764800000000,
];
