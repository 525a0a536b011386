import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig, Clock } from '#config';
import { Agency } from '../agencies/agency.entity.js';
import { ROLE_NAMES } from './assignments.service.js';
import { MailPreferencesService } from './mail-preferences.service.js';
import { ProposalMailer } from './proposal-mailer.js';
import type { ProposalStatus } from './proposal-state.js';
import { Proposal, ProposalAssignment } from './proposal.entities.js';
import { type Recipient, agencyStaff, moderators } from './recipients.js';

const DAY = 86_400_000;
export type ReminderKind = 'due_14d' | 'due_3d' | 'overdue';
/** How many overdue assignments the weekly digest lists by name. */
export const DIGEST_LINES = 50;
const TAIPEI_OFFSET_MS = 8 * 3_600_000;
/** Proposal statuses in which agencies still answer: reminders and digests concern only these. */
export const ANSWERING: readonly ProposalStatus[] = ['assigned', 'responded'];

/**
 * Which reminder is due for a deadline at `now`: 14 days before, 3 days before, and the overdue notice from
 * the day after the deadline. A worker that was down sends only the latest one that applies.
 */
export function reminderKind(dueAt: Date, now: Date): ReminderKind | null {
  const left = dueAt.getTime() - now.getTime();
  if (left <= -DAY) return 'overdue';
  if (left <= 0) return null;
  if (left <= 3 * DAY) return 'due_3d';
  if (left <= 14 * DAY) return 'due_14d';
  return null;
}

/** The Monday (Taiwan time) of the week `now` falls in: one digest per week. */
export function digestWeek(now: Date): string {
  const taipei = new Date(now.getTime() + TAIPEI_OFFSET_MS);
  const sinceMonday = (taipei.getUTCDay() + 6) % 7;
  return new Date(taipei.getTime() - sinceMonday * DAY).toISOString().slice(0, 10);
}

/**
 * Deadline reminders and the moderators' weekly digest. Both are safe to run twice and from several workers:
 * each reminder is a row keyed by (assignment, kind, deadline) inserted in the same transaction as its mail,
 * under the assignment's row lock, and every mail carries an idempotency key.
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly prefs: MailPreferencesService,
    private readonly mailer: ProposalMailer,
  ) {}

  /** Sends every reminder that is due now and not yet sent. Returns how many assignments were reminded, by kind. */
  async sendReminders(): Promise<Record<ReminderKind, number>> {
    const now = this.clock.now();
    const sent: Record<ReminderKind, number> = { due_14d: 0, due_3d: 0, overdue: 0 };
    for (;;) {
      // Open assignments whose current reminder (same rule as reminderKind) has not been sent for this deadline.
      const rows = (await this.ds.query(
        `SELECT c.id FROM (
            SELECT a.id, a.due_at,
                   CASE WHEN a.due_at <= ? THEN 'overdue' WHEN a.due_at <= ? THEN NULL WHEN a.due_at <= ? THEN 'due_3d' ELSE 'due_14d' END AS kind
              FROM proposal_assignments a JOIN proposals p ON p.id = a.proposal_id
             WHERE a.status = 'open' AND a.due_at <= ? AND p.status IN (?)) c
          WHERE c.kind IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM assignment_reminders r WHERE r.assignment_id = c.id AND r.due_at = c.due_at AND r.kind = c.kind)
          ORDER BY c.due_at, c.id LIMIT 500`,
        [new Date(now.getTime() - DAY), now, new Date(now.getTime() + 3 * DAY), new Date(now.getTime() + 14 * DAY), ANSWERING],
      )) as { id: string }[];
      let progressed = 0;
      for (const { id } of rows) {
        try {
          const kind = await this.remind(id, now);
          if (kind) {
            sent[kind] += 1;
            progressed += 1;
          }
        } catch (err) {
          // One bad assignment must not hold back everyone else's reminders; the next run tries it again.
          this.logger.error({ err, assignmentId: id }, 'could not send a deadline reminder');
        }
      }
      // A full page means there may be more; none done means another worker took them: stop either way.
      if (rows.length < 500 || progressed === 0) break;
    }
    if (sent.due_14d + sent.due_3d + sent.overdue) this.logger.log(sent, 'deadline reminders sent');
    return sent;
  }

  /** One assignment's reminder, if one is due and not yet sent; in one transaction with its mail. */
  private async remind(assignmentId: string, now: Date): Promise<ReminderKind | null> {
    return this.ds.transaction(async (em) => {
      const a = await em.findOne(ProposalAssignment, { where: { id: assignmentId }, lock: { mode: 'pessimistic_write' } });
      if (!a || a.status !== 'open') return null;
      const kind = reminderKind(a.dueAt, now);
      if (!kind) return null;
      const p = await em.findOneByOrFail(Proposal, { id: a.proposalId });
      if (!ANSWERING.includes(p.status)) return null;
      // Someone both staff and moderator (an admin of the agency) is told once, in whichever role they still get mail.
      const recipients = new Map<string, [Recipient, ('agency' | 'moderation')[]]>();
      for (const r of await agencyStaff(em, a.agencyId)) recipients.set(r.id, [r, ['agency']]);
      if (kind === 'overdue') for (const m of await moderators(em)) recipients.set(m.id, [m, [...(recipients.get(m.id)?.[1] ?? []), 'moderation']]);
      // Nobody to tell yet (an agency without verified staff): not recorded, so staff added later still get it.
      if (!recipients.size) return null;
      const res = (await em.query(
        'INSERT IGNORE INTO assignment_reminders (assignment_id, kind, due_at, sent_at, recipients) VALUES (?, ?, ?, ?, ?)',
        [a.id, kind, a.dueAt, now, recipients.size],
      )) as { affectedRows: number };
      if (res.affectedRows !== 1) return null;
      const agency = await em.findOneByOrFail(Agency, { id: a.agencyId });
      const role = ROLE_NAMES[a.role];
      const params = {
        title: p.title, url: this.mailer.url(p.id), agencyZh: agency.nameZh, agencyEn: agency.nameEn,
        roleZh: role.zh, roleEn: role.en, due: a.dueAt.toISOString().slice(0, 10),
        daysLeft: Math.max(0, Math.ceil((a.dueAt.getTime() - now.getTime()) / DAY)),
      };
      const template = kind === 'overdue' ? ('assignment.overdue' as const) : ('assignment.reminder' as const);
      for (const [r, scopes] of recipients.values()) {
        const idempotencyKey = `assignment.${kind}:${a.id}:${a.dueAt.toISOString()}:${r.id}`;
        for (const scope of scopes) if (await this.prefs.queue(em, r, scope, { template, idempotencyKey, params })) break;
      }
      return kind;
    });
  }

  /** The weekly list of overdue assignments, to every moderator; once per moderator per week. */
  async sendOverdueDigest(): Promise<{ week: string; overdue: number; mailed: number }> {
    const now = this.clock.now();
    const week = digestWeek(now);
    const [{ total }] = (await this.ds.query(
      `SELECT COUNT(*) AS total FROM proposal_assignments a JOIN proposals p ON p.id = a.proposal_id
        WHERE a.status = 'open' AND a.due_at < ? AND p.status IN (?)`,
      [now, ANSWERING],
    )) as { total: number | string }[];
    const overdue = Number(total);
    if (!overdue) return { week, overdue, mailed: 0 };
    const rows = (await this.ds.query(
      `SELECT p.title, a.role, a.due_at AS dueAt, g.name_zh AS agencyZh, g.name_en AS agencyEn
         FROM proposal_assignments a JOIN proposals p ON p.id = a.proposal_id JOIN agencies g ON g.id = a.agency_id
        WHERE a.status = 'open' AND a.due_at < ? AND p.status IN (?) ORDER BY a.due_at, a.id LIMIT ${DIGEST_LINES}`,
      [now, ANSWERING],
    )) as { title: string; role: 'lead' | 'co'; dueAt: Date; agencyZh: string; agencyEn: string }[];
    const days = (d: Date) => Math.floor((now.getTime() - d.getTime()) / DAY);
    const linesZh = rows.map((r) => `・「${r.title}」— ${r.agencyZh}（${ROLE_NAMES[r.role].zh}），期限 ${r.dueAt.toISOString().slice(0, 10)}，已逾期 ${days(r.dueAt)} 天`);
    const linesEn = rows.map((r) => `- "${r.title}" — ${r.agencyEn} (${ROLE_NAMES[r.role].en}), due ${r.dueAt.toISOString().slice(0, 10)}, ${days(r.dueAt)} days overdue`);
    let mailed = 0;
    await this.ds.transaction(async (em) => {
      for (const m of await moderators(em)) {
        const queued = await this.prefs.queue(em, m, 'moderation', {
          template: 'assignment.overdue-digest',
          idempotencyKey: `assignment.overdue-digest:${week}:${m.id}`,
          params: { url: `${this.config.publicUrl}/api/v1/scoreboard/agencies`, count: overdue, linesZh, linesEn, more: overdue - rows.length },
        });
        if (queued) mailed += 1;
      }
    });
    return { week, overdue, mailed };
  }
}
