import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import {
  NotFoundError,
  type QuietPeriodView,
  RuleViolationError,
  quietPeriodView,
  quietPeriodsEndingFrom,
  taipeiDate,
} from '../shared/index.js';
import { Call } from './call.entity.js';

/** Join's rules: 5,000 endorsements within 60 days; the agency answers within two months. */
export const JOIN_RULES = { endorsementThreshold: 5000, endorsementDays: 60, responseDays: 60 } as const;

export interface CreateCall {
  titleZh: string;
  titleEn: string;
  opensAt: Date;
  closesAt: Date;
  endorsementThreshold: number;
  endorsementDays: number;
  responseDays: number;
  routeToSuggestedAgency?: boolean;
}

export interface CallView {
  id: string;
  titleZh: string;
  titleEn: string;
  opensAt: string;
  closesAt: string;
  endorsementThreshold: number;
  endorsementDays: number;
  responseDays: number;
  routeToSuggestedAgency: boolean;
  isOpen: boolean;
}

@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<CallView[]> {
    const calls = await this.ds.getRepository(Call).find({ order: { opensAt: 'DESC' } });
    return calls.map((c) => this.view(c));
  }

  /** A call with the quiet periods under way or to come: proposals and endorsements pause during them. */
  async detail(id: string): Promise<CallView & { quietPeriods: QuietPeriodView[] }> {
    const call = await this.ds.getRepository(Call).findOneBy({ id });
    if (!call) throw new NotFoundError('call', id);
    const now = this.clock.now();
    const periods = await quietPeriodsEndingFrom(this.ds.manager, taipeiDate(now));
    return { ...this.view(call), quietPeriods: periods.map((p) => quietPeriodView(p, now)) };
  }

  async create(input: CreateCall): Promise<CallView> {
    if (input.closesAt.getTime() <= input.opensAt.getTime()) {
      throw new RuleViolationError('closesAt must be after opensAt');
    }
    const now = this.clock.now();
    const call = this.ds.getRepository(Call).create({
      id: newId(),
      ...input,
      routeToSuggestedAgency: input.routeToSuggestedAgency ?? true,
      createdAt: now,
      updatedAt: now,
    });
    await this.ds.getRepository(Call).insert(call);
    return this.view(call);
  }

  view(c: Call): CallView {
    const now = this.clock.now().getTime();
    return {
      id: c.id,
      titleZh: c.titleZh,
      titleEn: c.titleEn,
      opensAt: c.opensAt.toISOString(),
      closesAt: c.closesAt.toISOString(),
      endorsementThreshold: c.endorsementThreshold,
      endorsementDays: c.endorsementDays,
      responseDays: c.responseDays,
      routeToSuggestedAgency: c.routeToSuggestedAgency,
      isOpen: c.opensAt.getTime() <= now && now < c.closesAt.getTime(),
    };
  }
}
