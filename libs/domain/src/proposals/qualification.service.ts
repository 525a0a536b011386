import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { MailService } from '#mail';
import { JobName, type JobPayloads, OutboxService } from '#queue';
import { Agency } from '../agencies/agency.entity.js';
import { Call } from '../calls/call.entity.js';
import { endorsementCount } from './endorsement-counts.js';
import { MailPreferencesService, scopeKey } from './mail-preferences.service.js';
import { SYSTEM, recordEvent } from './proposal-events.js';
import { ProposalMailer } from './proposal-mailer.js';
import { AssignmentsService } from './assignments.service.js';
import { Proposal, ProposalAgency, ProposalResponse } from './proposal.entities.js';
import { RECOMMENDATION_NAMES } from './recommendations.js';

export const ENDORSER_BATCH = 500;

/**
 * What follows the endorsement phase: qualification (exactly once), routing to the suggested lead
 * agency or to the moderators' triage list, mail to endorsers in batches, and expiry at the deadline.
 */
@Injectable()
export class QualificationService {
  private readonly logger = new Logger(QualificationService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly mailer: ProposalMailer,
    private readonly mail: MailService,
    private readonly prefs: MailPreferencesService,
    private readonly assignments: AssignmentsService,
  ) {}

  /**
   * Qualifies the proposal if its committed count has reached the threshold and it is still endorsing.
   * Many callers may race here; the conditional UPDATE lets exactly one of them win, and only the winner
   * records the event, mails the author and queues the routing. Returns the status afterwards, or null.
   */
  async qualifyIfReached(proposalId: string): Promise<string | null> {
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      const res = (await em.query(
        `UPDATE proposals p SET p.status = 'qualified', p.qualified_at = ?, p.version = p.version + 1, p.updated_at = ?
          WHERE p.id = ? AND p.status = 'endorsing'
            AND (SELECT COALESCE(SUM(c.n), 0) FROM proposal_endorsement_counts c WHERE c.proposal_id = p.id) >= p.endorsement_threshold`,
        [now, now, proposalId],
      )) as { affectedRows: number };
      if (res.affectedRows !== 1) {
        const [row] = (await em.query('SELECT status FROM proposals WHERE id = ?', [proposalId])) as { status: string }[];
        return row?.status ?? null;
      }
      const p = await em.findOneByOrFail(Proposal, { id: proposalId });
      const count = await endorsementCount(em, proposalId);
      await recordEvent(em, now, proposalId, 'qualified', SYSTEM, { endorsementCount: count, threshold: p.endorsementThreshold });
      await this.mailer.toAuthor(em, p, 'proposal.qualified', 'qualified', { threshold: p.endorsementThreshold });
      await this.outbox.add(em, JobName.ProposalQualified, { proposalId });
      await this.outbox.add(em, JobName.ProposalNotifyEndorsers, { proposalId, event: 'qualified', afterUserId: null });
      this.logger.log({ proposalId, count }, 'proposal qualified');
      return 'qualified';
    });
  }

  /** Routes a qualified proposal: to the first suggested agency as lead when the call allows it, else to triage. */
  async route(proposalId: string): Promise<'assigned' | 'triage' | 'skipped'> {
    return this.ds.transaction(async (em) => {
      const p = await em.findOne(Proposal, { where: { id: proposalId }, lock: { mode: 'pessimistic_write' } });
      if (!p || p.status !== 'qualified') return 'skipped';
      const now = this.clock.now();
      const call = await em.findOneByOrFail(Call, { id: p.callId });
      const lead = await em.findOne(ProposalAgency, { where: { proposalId, position: 0 } });
      if (call.routeToSuggestedAgency && lead) {
        await this.assignments.assignWithin(em, p, lead.agencyId, 'lead', SYSTEM, 'suggested_agency');
        return 'assigned';
      }
      const [seen] = (await em.query("SELECT 1 AS x FROM proposal_events WHERE proposal_id = ? AND type = 'routed_to_triage' LIMIT 1", [proposalId])) as unknown[];
      if (!seen) {
        await recordEvent(em, now, proposalId, 'routed_to_triage', SYSTEM, {
          reason: call.routeToSuggestedAgency ? 'no_suggested_agency' : 'call_routes_through_moderators',
        });
      }
      return 'triage';
    });
  }

  /**
   * Mails one batch of the proposal's subscribed endorsers (the author has their own mail) about one event,
   * and queues the next batch in the same transaction. Each mail has its own idempotency key, so a batch
   * run twice sends nothing twice.
   */
  async notifyEndorsersBatch(job: JobPayloads[typeof JobName.ProposalNotifyEndorsers]): Promise<number> {
    const { proposalId, afterUserId } = job;
    const rows = (await this.ds.query(
      `SELECT e.user_id AS userId, u.email, u.locale, u.display_name AS displayName
         FROM endorsements e JOIN users u ON u.id = e.user_id JOIN proposals p ON p.id = e.proposal_id
        WHERE e.proposal_id = ? AND e.notify = 1 AND e.user_id <> p.author_id AND e.user_id > ?
        ORDER BY e.user_id LIMIT ${ENDORSER_BATCH}`,
      [proposalId, afterUserId ?? ''],
    )) as { userId: string; email: string; locale: string; displayName: string }[];
    if (!rows.length) return 0;
    const p = await this.ds.getRepository(Proposal).findOneByOrFail({ id: proposalId });
    const mail = await this.endorserMail(job, p);
    const links = await Promise.all(rows.map((r) => this.prefs.unsubscribeUrl(r.userId, { proposalId })));
    await this.ds.transaction(async (em) => {
      for (const [i, r] of rows.entries()) {
        await this.mail.queue(em, {
          template: mail.template,
          to: r.email,
          locale: r.locale,
          userId: r.userId,
          idempotencyKey: `${mail.key}:endorser:${r.userId}`,
          optOutScope: scopeKey({ proposalId }),
          params: { ...mail.params, displayName: r.displayName, title: p.title, url: this.mailer.url(proposalId), unsubscribeUrl: links[i] } as never,
        });
      }
      if (rows.length === ENDORSER_BATCH) {
        await this.outbox.add(em, JobName.ProposalNotifyEndorsers, { ...job, afterUserId: rows[rows.length - 1]!.userId });
      }
    });
    return rows.length;
  }

  /** What endorsers are told about an event: the template, the event's key and its own parameters. */
  private async endorserMail(job: JobPayloads[typeof JobName.ProposalNotifyEndorsers], p: Proposal) {
    if (job.event === 'qualified') {
      return { template: 'proposal.qualified' as const, key: `proposal.qualified:${p.id}`, params: { threshold: p.endorsementThreshold } };
    }
    const r = await this.ds.getRepository(ProposalResponse).findOneByOrFail({ id: job.responseId });
    const agency = await this.ds.getRepository(Agency).findOneByOrFail({ id: r.agencyId });
    const rec = RECOMMENDATION_NAMES[r.recommendation];
    return {
      template: 'proposal.responded' as const,
      key: `proposal.responded:${r.id}`,
      params: {
        agencyZh: agency.nameZh, agencyEn: agency.nameEn, recommendationZh: rec.zh, recommendationEn: rec.en,
        correction: !!r.correctsId, onBehalf: 'endorser' as const,
      },
    };
  }

  /**
   * The scheduled sweep: qualifies proposals whose qualification was missed (a crash right after an
   * endorsement's commit), expires the rest whose deadline has passed, refreshes the sort counts.
   */
  async sweep(): Promise<{ qualified: number; expired: number }> {
    const now = this.clock.now();
    let qualified = 0;
    const reached = (await this.ds.query(
      `SELECT p.id FROM proposals p WHERE p.status = 'endorsing'
          AND (SELECT COALESCE(SUM(c.n), 0) FROM proposal_endorsement_counts c WHERE c.proposal_id = p.id) >= p.endorsement_threshold`,
    )) as { id: string }[];
    for (const { id } of reached) if ((await this.qualifyIfReached(id)) === 'qualified') qualified += 1;

    let expired = 0;
    const due = (await this.ds.query(
      "SELECT id FROM proposals WHERE status = 'endorsing' AND endorsement_deadline <= ? ORDER BY endorsement_deadline LIMIT 1000",
      [now],
    )) as { id: string }[];
    for (const { id } of due) if (await this.expire(id)) expired += 1;

    await this.refreshSortCounts();
    return { qualified, expired };
  }

  /** Copies the exact counts of endorsing proposals into proposals.endorsement_count (the "most endorsed" sort key). */
  private async refreshSortCounts(): Promise<void> {
    const rows = (await this.ds.query(
      `SELECT c.proposal_id AS id, SUM(c.n) AS n FROM proposal_endorsement_counts c
         JOIN proposals p ON p.id = c.proposal_id AND p.status = 'endorsing' GROUP BY c.proposal_id`,
    )) as { id: string; n: string | number }[];
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await this.ds.query(
        `UPDATE proposals SET endorsement_count = CASE id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (?)`,
        [...chunk.flatMap((r) => [r.id, Number(r.n)]), chunk.map((r) => r.id)],
      );
    }
  }

  private async expire(proposalId: string): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      const res = (await em.query(
        `UPDATE proposals p SET p.status = 'expired', p.closed_at = ?, p.version = p.version + 1, p.updated_at = ?
          WHERE p.id = ? AND p.status = 'endorsing' AND p.endorsement_deadline <= ?
            AND (SELECT COALESCE(SUM(c.n), 0) FROM proposal_endorsement_counts c WHERE c.proposal_id = p.id) < p.endorsement_threshold`,
        [now, now, proposalId, now],
      )) as { affectedRows: number };
      if (res.affectedRows !== 1) return false;
      const p = await em.findOneByOrFail(Proposal, { id: proposalId });
      const count = await endorsementCount(em, proposalId);
      await em.update(Proposal, { id: proposalId }, { endorsementCountCached: count });
      await recordEvent(em, now, proposalId, 'expired', SYSTEM, { endorsementCount: count, threshold: p.endorsementThreshold });
      await this.mailer.toAuthor(em, p, 'proposal.expired', 'expired', { count, threshold: p.endorsementThreshold });
      return true;
    });
  }
}
