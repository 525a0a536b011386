import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import {
  type Actor,
  ConflictError,
  NotFoundError,
  QuietPeriod,
  type QuietPeriodView,
  RuleViolationError,
  addDaysToDate,
  allQuietPeriods,
  lockQuietPeriod,
  lockQuietPeriodsExclusive,
  markQuietPeriodCancelled,
  overlappingQuietPeriod,
  proposalsExtendedBy,
  quietPeriodBounds,
  quietPeriodStatus,
  quietPeriodView,
  taipeiDate,
} from '../shared/index.js';
import { lockEndorsingWithDeadlineAfter, reconcileQuietPeriodDeadlines } from './quiet-period-deadlines.js';
import type { EventActor } from './timeline.js';

export interface DeclareQuietPeriod {
  startsOn: string;
  endsOn: string;
  reasonZh: string;
  reasonEn?: string | null;
}

/** The longest period that may be declared. Join's pause is the 60 days before a national election. */
export const MAX_QUIET_PERIOD_DAYS = 366;

/**
 * Quiet periods: an admin declares one (it starts after today, Taiwan time, and overlaps no other, which keeps
 * the deadline arithmetic one period at a time) and may cancel it until it starts. Declaring extends, in the same
 * transaction, the deadline of every endorsing proposal it falls before by the period's length; cancelling takes
 * exactly those extensions back. Proposals published later are extended when they are published (review()).
 */
@Injectable()
export class QuietPeriodsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<QuietPeriodView[]> {
    const now = this.clock.now();
    return (await allQuietPeriods(this.ds.manager)).map((p) => quietPeriodView(p, now));
  }

  async declare(admin: Actor, input: DeclareQuietPeriod): Promise<QuietPeriodView & { extendedProposals: number }> {
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      const { startsOn, endsOn } = input;
      if (endsOn < startsOn) throw new RuleViolationError('a quiet period cannot end before it starts (endsOn before startsOn)');
      if (startsOn <= taipeiDate(now)) throw new RuleViolationError('a quiet period must start after today (Taiwan time)');
      if (endsOn > addDaysToDate(startsOn, MAX_QUIET_PERIOD_DAYS - 1))
        throw new RuleViolationError(`a quiet period lasts at most ${MAX_QUIET_PERIOD_DAYS} days`);
      await lockQuietPeriodsExclusive(em);
      const clash = await overlappingQuietPeriod(em, startsOn, endsOn);
      if (clash)
        throw new RuleViolationError(`quiet periods cannot overlap: ${clash.startsOn} to ${clash.endsOn} is declared already`, {
          quietPeriod: clash,
        });
      const period = {
        id: newId(),
        startsOn,
        endsOn,
        reasonZh: input.reasonZh,
        reasonEn: input.reasonEn ?? null,
      };
      await em.insert(QuietPeriod, { ...period, createdBy: admin.id, createdAt: now, cancelledBy: null, cancelledAt: null });
      const affected = await lockEndorsingWithDeadlineAfter(em, quietPeriodBounds(period).start);
      const extendedProposals = await reconcileQuietPeriodDeadlines(em, affected, now, adminActor(admin));
      return { ...quietPeriodView(period, now), extendedProposals };
    });
  }

  /** Cancels a period that has not started (409 once it has; 404 for an unknown or cancelled one). */
  async cancel(admin: Actor, id: string): Promise<QuietPeriodView & { restoredProposals: number }> {
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      await lockQuietPeriodsExclusive(em);
      const period = await lockQuietPeriod(em, id);
      if (!period) throw new NotFoundError('quiet period', id);
      if (quietPeriodStatus(period, now) !== 'upcoming')
        throw new ConflictError(`the quiet period ${period.startsOn} to ${period.endsOn} has started: it can no longer be cancelled`);
      await markQuietPeriodCancelled(em, id, admin.id, now);
      const restoredProposals = await reconcileQuietPeriodDeadlines(em, await proposalsExtendedBy(em, id), now, adminActor(admin));
      return { ...quietPeriodView(period, now), restoredProposals };
    });
  }
}

function adminActor(admin: Actor): EventActor {
  return { id: admin.id, role: 'admin' };
}
