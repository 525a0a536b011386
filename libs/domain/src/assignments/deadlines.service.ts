import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { findAgencyOrFail } from '../agencies/index.js';
import { Proposal, isAnswering } from '../proposals/index.js';
import { ProposalAssignment } from './assignment.entity.js';
import { AssignmentsMessages, DIGEST_LINES } from './assignments.messages.js';
import { overdueAssignments, recordReminder, remindersDue } from './assignments.queries.js';
import { type ReminderKind, digestWeek, reminderKind } from './deadline-rules.js';

const PAGE = 500;

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
    private readonly messages: AssignmentsMessages,
  ) {}

  /** Sends every reminder that is due now and not yet sent. Returns how many assignments were reminded, by kind. */
  async sendReminders(): Promise<Record<ReminderKind, number>> {
    const now = this.clock.now();
    const sent: Record<ReminderKind, number> = { due_14d: 0, due_3d: 0, overdue: 0 };
    for (;;) {
      const rows = await remindersDue(this.ds, now, PAGE);
      let progressed = 0;
      for (const id of rows) {
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
      if (rows.length < PAGE || progressed === 0) break;
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
      if (!isAnswering(p.status)) return null;
      const recipients = await this.messages.reminderRecipients(em, a, kind);
      // Nobody to tell yet (an agency without verified staff): not recorded, so staff added later still get it.
      if (!recipients.size) return null;
      if (!(await recordReminder(em, a, kind, now, recipients.size))) return null;
      await this.messages.reminder(em, p, await findAgencyOrFail(em, a.agencyId), a, kind, now, recipients);
      return kind;
    });
  }

  /** The weekly list of overdue assignments, to every moderator; once per moderator per week. */
  async sendOverdueDigest(): Promise<{ week: string; overdue: number; mailed: number }> {
    const now = this.clock.now();
    const week = digestWeek(now);
    const { total: overdue, rows } = await overdueAssignments(this.ds, now, DIGEST_LINES);
    if (!overdue) return { week, overdue, mailed: 0 };
    const mailed = await this.ds.transaction((em) => this.messages.overdueDigest(em, week, now, overdue, rows));
    return { week, overdue, mailed };
  }
}
