import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, Not } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { findAgency } from '../agencies/index.js';
import { type Actor, NotFoundError, RuleViolationError } from '../shared/index.js';
import { Meeting, MeetingAttendee, type MemberRole, type MemberSide, TaskForceMember } from './decision.entities.js';
import { type Balance, type MemberView, balanceOf, coversDate, memberView, taipeiToday } from './decision-views.js';
import { assertTaskForce } from './decisions.policy.js';

export interface MemberInput {
  name: string;
  side: MemberSide;
  role: MemberRole;
  agencyId?: string | null;
  /** YYYY-MM-DD */
  since: string;
  until?: string | null;
}

const ROLE_ORDER: Record<MemberRole, number> = { convener: 0, co_convener: 1, member: 2 };

/** One convener, one co-convener at a time: the roles seed 003 allows once. */
const SINGLE_ROLES: Partial<Record<MemberRole, string>> = { convener: 'convener', co_convener: 'co-convener' };

/** Two writers checking the single roles at once may deadlock on the gap lock; the loser runs again and sees the winner. */
const DEADLOCK_RETRIES = 3;

/**
 * The task force's roster (推動小組委員): government members name their agency, civil-society members none; at most
 * one convener and one co-convener at a time, the co-convener from the non-government members (seed 003).
 */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Every member, current or past: conveners first, then by side, start and name; the balance counts current members. */
  async list(): Promise<{ items: MemberView[]; balance: Balance }> {
    const today = taipeiToday(this.clock.now());
    const rows = await this.ds.getRepository(TaskForceMember).find();
    rows.sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
        a.side.localeCompare(b.side) ||
        a.since.localeCompare(b.since) ||
        a.name.localeCompare(b.name) ||
        a.id.localeCompare(b.id),
    );
    return { items: rows.map((m) => memberView(m, today)), balance: balanceOf(rows.filter((m) => coversDate(m, today))) };
  }

  async create(actor: Actor, input: MemberInput): Promise<MemberView> {
    assertTaskForce(actor);
    return this.write(async (em) => {
      await this.check(em, input, null);
      const now = this.clock.now();
      const m: TaskForceMember = {
        id: newId(),
        ...normalise(input),
        createdAt: now,
        updatedAt: now,
      };
      await em.insert(TaskForceMember, m);
      return memberView(m, taipeiToday(now));
    });
  }

  async update(actor: Actor, id: string, input: MemberInput): Promise<MemberView> {
    assertTaskForce(actor);
    return this.write(async (em) => {
      const m = await em.findOne(TaskForceMember, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!m) throw new NotFoundError('task-force member', id);
      await this.check(em, input, id);
      await this.assertCoversAttendance(em, id, input);
      const now = this.clock.now();
      Object.assign(m, normalise(input), { updatedAt: now });
      await em.update(TaskForceMember, { id }, { ...normalise(input), updatedAt: now });
      return memberView(m, taipeiToday(now));
    });
  }

  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction(work);
      } catch (err) {
        const e = err as { code?: string; driverError?: { code?: string } };
        const deadlock = e.code === 'ER_LOCK_DEADLOCK' || e.driverError?.code === 'ER_LOCK_DEADLOCK';
        if (!deadlock || attempt >= DEADLOCK_RETRIES) throw err;
      }
    }
  }

  private async check(em: EntityManager, input: MemberInput, selfId: string | null): Promise<void> {
    const m = normalise(input);
    if (m.until !== null && m.until < m.since) throw new RuleViolationError('a membership cannot end (until) before it begins (since)');
    if (m.side === 'government') {
      if (!m.agencyId) throw new RuleViolationError('a government member names their agency (agencyId)');
      if (!(await findAgency(em, m.agencyId))) throw new RuleViolationError(`agency ${m.agencyId} does not exist`);
    } else if (m.agencyId) {
      throw new RuleViolationError('a civil-society member names no agency (agencyId is for government members)');
    }
    if (m.role === 'co_convener' && m.side !== 'civil_society')
      throw new RuleViolationError('the co-convener is appointed from the non-government members (seed 003)');
    const single = SINGLE_ROLES[m.role];
    if (!single) return;
    // Locks the role's rows (and, with no index on role, the gaps between them): a concurrent writer of the same role waits.
    const holders = await em.find(TaskForceMember, {
      where: { role: m.role, ...(selfId ? { id: Not(selfId) } : {}) },
      lock: { mode: 'pessimistic_write' },
    });
    const clash = holders.find((h) => m.since <= (h.until ?? '9999-12-31') && h.since <= (m.until ?? '9999-12-31'));
    if (clash)
      throw new RuleViolationError(
        `at most one ${single} at a time (seed 003): ${clash.name} is ${single} from ${clash.since}${clash.until ? ` to ${clash.until}` : ''}`,
      );
  }

  /** A membership may not be shortened so that it no longer covers a meeting the member attended. */
  private async assertCoversAttendance(em: EntityManager, memberId: string, input: MemberInput): Promise<void> {
    const attended = await em.find(MeetingAttendee, { where: { memberId } });
    if (!attended.length) return;
    const meetings = await em.find(Meeting, { where: { id: In(attended.map((a) => a.meetingId)) }, order: { heldOn: 'ASC' } });
    const m = normalise(input);
    const outside = meetings.find((x) => !coversDate(m, x.heldOn));
    if (outside)
      throw new RuleViolationError(
        `the membership must cover the meetings the member attended: meeting No. ${outside.number} on ${outside.heldOn}`,
      );
  }
}

function normalise(input: MemberInput) {
  return {
    name: input.name,
    side: input.side,
    role: input.role,
    agencyId: input.agencyId || null,
    since: input.since,
    until: input.until || null,
  };
}
