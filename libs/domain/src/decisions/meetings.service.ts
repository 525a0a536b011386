import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { Proposal, canSee } from '../proposals/index.js';
import {
  type Actor,
  ConflictError,
  NotFoundError,
  type Page,
  RuleViolationError,
  isDuplicateKeyError,
  offsetOf,
  paginate,
} from '../shared/index.js';
import { Meeting, MeetingAgendaItem, MeetingAttendee, TaskForceMember } from './decision.entities.js';
import { type Balance, type DecisionView, type MemberView, balanceOf, coversDate, memberView, taipeiToday } from './decision-views.js';
import { DecisionsQueries } from './decisions-queries.service.js';
import { assertTaskForce } from './decisions.policy.js';
import { attendeeSides } from './decisions.queries.js';

export interface MeetingInput {
  number: number;
  /** YYYY-MM-DD */
  heldOn: string;
  titleZh: string;
  titleEn?: string | null;
  attendeeIds: string[];
  agendaProposalIds?: string[] | null;
  minutesUrl?: string | null;
  transcriptUrl?: string | null;
  minutesZh?: string | null;
  minutesEn?: string | null;
}

export interface MeetingSummary {
  id: string;
  number: number;
  heldOn: string;
  titleZh: string;
  titleEn: string | null;
  attendeeCount: number;
  balance: Balance;
  minutesUrl: string | null;
  transcriptUrl: string | null;
}

export interface AgendaItemView {
  proposalId: string;
  position: number;
  title: string;
  status: string;
}

export interface MeetingView extends Omit<MeetingSummary, 'attendeeCount'> {
  minutesZh: string | null;
  minutesEn: string | null;
  attendees: MemberView[];
  agenda: AgendaItemView[];
  /** Decisions taken in this meeting. */
  decisions: DecisionView[];
  /** Conditional adoptions concluded in this meeting. */
  conclusions: DecisionView[];
  createdAt: string;
  updatedAt: string;
}

/** The task force's meetings: who attended (members on the day), what was on the agenda, the minutes and transcript. */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly decisions: DecisionsQueries,
  ) {}

  async create(actor: Actor, input: MeetingInput): Promise<MeetingView> {
    assertTaskForce(actor);
    const attendeeIds = [...new Set(input.attendeeIds)];
    const agendaIds = [...new Set(input.agendaProposalIds ?? [])];
    const id = newId();
    try {
      await this.ds.transaction(async (em) => {
        if (await em.existsBy(Meeting, { number: input.number })) throw duplicateNumber(input.number);
        const members = await em.findBy(TaskForceMember, { id: In(attendeeIds) });
        const unknown = attendeeIds.filter((a) => !members.some((m) => m.id === a));
        if (unknown.length) throw new RuleViolationError(`attendees must be task-force members: no member ${unknown.join(', ')}`);
        const outside = members.filter((m) => !coversDate(m, input.heldOn));
        if (outside.length)
          throw new RuleViolationError(
            `attendees must be members on the day of the meeting (${input.heldOn}): ${outside
              .map((m) => `${m.name} (${m.id}) is a member from ${m.since}${m.until ? ` to ${m.until}` : ''}`)
              .join('; ')}`,
          );
        if (agendaIds.length) {
          const proposals = await em.findBy(Proposal, { id: In(agendaIds) });
          const missing = agendaIds.filter((p) => !proposals.some((x) => x.id === p && canSee(x, null)));
          if (missing.length)
            throw new RuleViolationError(`agenda proposals must exist and be public: ${missing.join(', ')} is not a public proposal`);
        }
        const now = this.clock.now();
        await em.insert(Meeting, {
          id,
          number: input.number,
          heldOn: input.heldOn,
          titleZh: input.titleZh,
          titleEn: input.titleEn || null,
          minutesUrl: input.minutesUrl || null,
          transcriptUrl: input.transcriptUrl || null,
          minutesZh: input.minutesZh || null,
          minutesEn: input.minutesEn || null,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        });
        await em.insert(
          MeetingAttendee,
          attendeeIds.map((memberId) => ({ meetingId: id, memberId })),
        );
        if (agendaIds.length)
          await em.insert(
            MeetingAgendaItem,
            agendaIds.map((proposalId, i) => ({ meetingId: id, proposalId, position: i + 1 })),
          );
      });
    } catch (err) {
      // Two meetings given the same number at once: the unique key decides.
      if (isDuplicateKeyError(err)) throw duplicateNumber(input.number);
      throw err;
    }
    return this.get(id);
  }

  /** Meetings, the latest first, with each one's attendee balance. */
  async list(page: number, pageSize: number): Promise<Page<MeetingSummary>> {
    const [rows, total] = await this.ds.getRepository(Meeting).findAndCount({
      order: { heldOn: 'DESC', number: 'DESC' },
      skip: offsetOf(page, pageSize),
      take: pageSize,
    });
    const sides = await attendeeSides(
      this.ds.manager,
      rows.map((m) => m.id),
    );
    const items = rows.map((m) => {
      const mine = sides.filter((s) => s.meetingId === m.id);
      const n = (side: string) => Number(mine.find((s) => s.side === side)?.n ?? 0);
      const balance = { government: n('government'), civilSociety: n('civil_society') };
      return {
        id: m.id,
        number: m.number,
        heldOn: m.heldOn,
        titleZh: m.titleZh,
        titleEn: m.titleEn,
        attendeeCount: balance.government + balance.civilSociety,
        balance,
        minutesUrl: m.minutesUrl,
        transcriptUrl: m.transcriptUrl,
      };
    });
    return paginate(items, total, page, pageSize);
  }

  /** A meeting with its attendees and their balance, its agenda and the decisions taken in it. */
  async get(id: string): Promise<MeetingView> {
    const m = await this.ds.getRepository(Meeting).findOneBy({ id });
    if (!m) throw new NotFoundError('meeting', id);
    const [attendance, agenda, decided] = await Promise.all([
      this.ds.getRepository(MeetingAttendee).findBy({ meetingId: id }),
      this.ds.getRepository(MeetingAgendaItem).find({ where: { meetingId: id }, order: { position: 'ASC' } }),
      this.decisions.ofMeeting(id),
    ]);
    const [members, proposals] = await Promise.all([
      attendance.length ? this.ds.getRepository(TaskForceMember).findBy({ id: In(attendance.map((a) => a.memberId)) }) : [],
      agenda.length ? this.ds.getRepository(Proposal).findBy({ id: In(agenda.map((a) => a.proposalId)) }) : [],
    ]);
    const today = taipeiToday(this.clock.now());
    members.sort((a, b) => a.side.localeCompare(b.side) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return {
      id: m.id,
      number: m.number,
      heldOn: m.heldOn,
      titleZh: m.titleZh,
      titleEn: m.titleEn,
      minutesUrl: m.minutesUrl,
      transcriptUrl: m.transcriptUrl,
      minutesZh: m.minutesZh,
      minutesEn: m.minutesEn,
      attendees: members.map((x) => memberView(x, today)),
      balance: balanceOf(members),
      agenda: agenda.flatMap((a) => {
        const p = proposals.find((x) => x.id === a.proposalId);
        return p && canSee(p, null) ? [{ proposalId: p.id, position: a.position, title: p.title, status: p.status }] : [];
      }),
      decisions: decided.decisions,
      conclusions: decided.conclusions,
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
    };
  }
}

const duplicateNumber = (n: number) => new ConflictError(`meeting No. ${n} already exists`);
