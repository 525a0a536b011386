import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { MailService } from '#mail';
import { Agency } from '../agencies/agency.entity.js';
import { Call } from '../calls/call.entity.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/domain-errors.js';
import { type EventActor, recordEvent } from './proposal-events.js';
import { ProposalMailer } from './proposal-mailer.js';
import { transition } from './proposal-state.js';
import { Proposal, ProposalAssignment } from './proposal.entities.js';
import type { Actor } from './proposals.service.js';

export type AssignmentRole = 'lead' | 'co';

const ROLE_NAMES: Record<AssignmentRole, { zh: string; en: string }> = {
  lead: { zh: '主政機關', en: 'lead agency' },
  co: { zh: '協辦機關', en: 'co-agency' },
};

export interface AssignmentView {
  id: string;
  proposalId: string;
  agencyId: string;
  role: AssignmentRole;
  status: string;
  assignedAt: string;
  dueAt: string;
  overdue: boolean;
}

/** Which agencies hold a qualified proposal (one lead, any number of co-agencies), and their inboxes. */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly mail: MailService,
    private readonly mailer: ProposalMailer,
  ) {}

  /** A moderator assigns (or, for a new lead, re-routes) a qualified proposal. */
  async assign(moderator: Actor, proposalId: string, agencyId: string, role: AssignmentRole): Promise<AssignmentView> {
    return this.ds.transaction(async (em) => {
      const p = await em.findOne(Proposal, { where: { id: proposalId }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw new NotFoundError('proposal', proposalId);
      const a = await this.assignWithin(em, p, agencyId, role, { id: moderator.id, role: 'moderator' }, 'moderator');
      return this.view(a);
    });
  }

  /**
   * Creates the assignment inside the caller's transaction (the proposal row locked by the caller): closes the
   * previous lead when a new lead is named, moves the proposal to `assigned`, writes the timeline and mails
   * the agency's staff.
   */
  async assignWithin(em: EntityManager, p: Proposal, agencyId: string, role: AssignmentRole, actor: EventActor, via: string): Promise<ProposalAssignment> {
    const to = transition(p.status, 'assign');
    const agency = await em.findOneBy(Agency, { id: agencyId });
    if (!agency) throw new RuleViolationError(`agency ${agencyId} does not exist`);
    const now = this.clock.now();
    const current = await em.find(ProposalAssignment, { where: { proposalId: p.id } });
    if (current.some((a) => a.agencyId === agencyId && a.status === 'open')) {
      throw new ConflictError('this agency already holds the proposal');
    }
    if (role === 'lead') {
      for (const old of current.filter((a) => a.role === 'lead' && a.status === 'open')) {
        await em.update(ProposalAssignment, { id: old.id }, { status: 'rerouted', updatedAt: now });
        await recordEvent(em, now, p.id, 'rerouted', actor, { fromAgencyId: old.agencyId, toAgencyId: agencyId });
      }
    }
    const call = await em.findOneByOrFail(Call, { id: p.callId });
    const dueAt = new Date(now.getTime() + call.responseDays * 86_400_000);
    const earlier = current.find((a) => a.agencyId === agencyId);
    const assignment: ProposalAssignment = {
      id: earlier?.id ?? newId(), proposalId: p.id, agencyId, role, status: 'open', assignedAt: now, dueAt,
      createdAt: earlier?.createdAt ?? now, updatedAt: now,
    };
    if (earlier) await em.update(ProposalAssignment, { id: earlier.id }, { role, status: 'open', assignedAt: now, dueAt, updatedAt: now });
    else await em.insert(ProposalAssignment, assignment);
    if (to !== p.status) {
      await em.update(Proposal, { id: p.id }, { status: to, version: p.version + 1, updatedAt: now });
      p.status = to;
      p.version += 1;
    }
    await recordEvent(em, now, p.id, 'assigned', actor, { agencyId, role, dueAt: dueAt.toISOString(), via });
    await this.mailStaff(em, p, agency, assignment);
    return assignment;
  }

  /** The assignments of one agency, the soonest due first, with their proposal's title and status. */
  async inbox(agencyId: string, status: 'open' | 'closed' | undefined, page: number, pageSize: number) {
    const where = status === 'open' ? "AND a.status = 'open'" : status === 'closed' ? "AND a.status <> 'open'" : '';
    const [rows, [{ total }]] = (await Promise.all([
      this.ds.query(
        `SELECT a.id, a.proposal_id AS proposalId, a.agency_id AS agencyId, a.role, a.status, a.assigned_at AS assignedAt,
                a.due_at AS dueAt, p.title AS proposalTitle, p.status AS proposalStatus
           FROM proposal_assignments a JOIN proposals p ON p.id = a.proposal_id
          WHERE a.agency_id = ? ${where} ORDER BY a.due_at, a.id LIMIT ? OFFSET ?`,
        [agencyId, pageSize, (page - 1) * pageSize],
      ),
      this.ds.query(`SELECT COUNT(*) AS total FROM proposal_assignments a WHERE a.agency_id = ? ${where}`, [agencyId]),
    ])) as [(ProposalAssignment & { proposalTitle: string; proposalStatus: string })[], { total: number | string }[]];
    return {
      items: rows.map((a) => ({ ...this.view(a), proposalTitle: a.proposalTitle, proposalStatus: a.proposalStatus })),
      total: Number(total), page, pageSize,
    };
  }

  view(a: ProposalAssignment): AssignmentView {
    return {
      id: a.id, proposalId: a.proposalId, agencyId: a.agencyId, role: a.role, status: a.status,
      assignedAt: a.assignedAt.toISOString(), dueAt: a.dueAt.toISOString(),
      overdue: a.status === 'open' && a.dueAt.getTime() < this.clock.now().getTime(),
    };
  }

  private async mailStaff(em: EntityManager, p: Proposal, agency: Agency, a: ProposalAssignment): Promise<void> {
    const staff = (await em.query(
      `SELECT u.id, u.email, u.locale, u.display_name AS displayName FROM users u
         JOIN user_roles r ON r.user_id = u.id AND r.role = 'agency_staff'
        WHERE u.agency_id = ? AND u.email_verified_at IS NOT NULL`,
      [agency.id],
    )) as { id: string; email: string; locale: string; displayName: string }[];
    const role = ROLE_NAMES[a.role];
    for (const s of staff) {
      await this.mail.queue(em, {
        template: 'assignment.new',
        to: s.email,
        locale: s.locale,
        userId: s.id,
        idempotencyKey: `assignment.new:${a.id}:${a.assignedAt.toISOString()}:${s.id}`,
        params: {
          displayName: s.displayName, title: p.title, url: this.mailer.url(p.id), agencyZh: agency.nameZh, agencyEn: agency.nameEn,
          roleZh: role.zh, roleEn: role.en, due: a.dueAt.toISOString().slice(0, 10),
        },
      });
    }
  }
}
