import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '#config';
import { type Recipient, agencyStaff, moderators } from '../accounts/index.js';
import type { Agency } from '../agencies/index.js';
import { AuthorMailer, MailPreferencesService } from '../notifications/index.js';
import type { Proposal } from '../proposals/index.js';
import { DAY, isoDate } from '../shared/index.js';
import type { AssignmentTransfer } from './assignment-transfer.entity.js';
import type { ProposalAssignment } from './assignment.entity.js';
import type { OverdueRow } from './assignments.queries.js';
import type { ReminderKind } from './deadline-rules.js';

type Titled = Pick<Proposal, 'id' | 'title'>;
type Named = Pick<Agency, 'nameZh' | 'nameEn'>;

/** How many overdue assignments the weekly digest lists by name. */
export const DIGEST_LINES = 50;

/**
 * The mail the assignments context sends, as template ids and codes: to an agency's staff on assignment,
 * before and after its deadline and when a transfer is refused; to the moderators on transfer requests,
 * overdue answers and in the weekly digest.
 */
@Injectable()
export class AssignmentsMessages {
  constructor(
    private readonly prefs: MailPreferencesService,
    private readonly mailer: AuthorMailer,
    private readonly config: AppConfig,
  ) {}

  async assigned(em: EntityManager, p: Titled, agency: Named & Pick<Agency, 'id'>, a: ProposalAssignment): Promise<void> {
    for (const s of await agencyStaff(em, agency.id)) {
      await this.prefs.queue(em, s, 'agency', {
        template: 'assignment.new',
        idempotencyKey: `assignment.new:${a.id}:${a.assignedAt.toISOString()}:${s.id}`,
        params: this.about(p, agency, a),
      });
    }
  }

  async transferRequested(em: EntityManager, p: Titled, t: AssignmentTransfer, from: Named, to: Named): Promise<void> {
    for (const m of await moderators(em)) {
      await this.prefs.queue(em, m, 'moderation', {
        template: 'transfer.requested',
        idempotencyKey: `transfer.requested:${t.id}:${m.id}`,
        params: {
          title: p.title,
          url: this.mailer.url(p.id),
          fromZh: from.nameZh,
          fromEn: from.nameEn,
          toZh: to.nameZh,
          toEn: to.nameEn,
          reason: t.reason,
        },
      });
    }
  }

  async transferRefused(
    em: EntityManager,
    p: Titled,
    t: AssignmentTransfer,
    a: ProposalAssignment,
    to: Named,
    note: string | null,
  ): Promise<void> {
    for (const s of await agencyStaff(em, a.agencyId)) {
      await this.prefs.queue(em, s, 'agency', {
        template: 'transfer.refused',
        idempotencyKey: `transfer.refused:${t.id}:${s.id}`,
        params: { title: p.title, url: this.mailer.url(p.id), toZh: to.nameZh, toEn: to.nameEn, note: note ?? '', due: isoDate(a.dueAt) },
      });
    }
  }

  /** Who hears of a reminder: the agency's staff, and for an overdue notice the moderators too, each once. */
  async reminderRecipients(
    em: EntityManager,
    a: ProposalAssignment,
    kind: ReminderKind,
  ): Promise<Map<string, [Recipient, ('agency' | 'moderation')[]]>> {
    // Someone both staff and moderator (an admin of the agency) is told once, in whichever role they still get mail.
    const recipients = new Map<string, [Recipient, ('agency' | 'moderation')[]]>();
    for (const r of await agencyStaff(em, a.agencyId)) recipients.set(r.id, [r, ['agency']]);
    if (kind === 'overdue')
      for (const m of await moderators(em)) recipients.set(m.id, [m, [...(recipients.get(m.id)?.[1] ?? []), 'moderation']]);
    return recipients;
  }

  async reminder(
    em: EntityManager,
    p: Titled,
    agency: Named,
    a: ProposalAssignment,
    kind: ReminderKind,
    now: Date,
    recipients: Map<string, [Recipient, ('agency' | 'moderation')[]]>,
  ): Promise<void> {
    const params = {
      ...this.about(p, agency, a),
      daysLeft: Math.max(0, Math.ceil((a.dueAt.getTime() - now.getTime()) / DAY)),
    };
    const template = kind === 'overdue' ? ('assignment.overdue' as const) : ('assignment.reminder' as const);
    for (const [r, scopes] of recipients.values()) {
      const idempotencyKey = `assignment.${kind}:${a.id}:${a.dueAt.toISOString()}:${r.id}`;
      for (const scope of scopes) if (await this.prefs.queue(em, r, scope, { template, idempotencyKey, params })) break;
    }
  }

  /** The weekly digest to every moderator; returns how many were mailed. */
  async overdueDigest(em: EntityManager, week: string, now: Date, total: number, rows: OverdueRow[]): Promise<number> {
    const items = rows.map((r) => ({
      title: r.title,
      agencyZh: r.agencyZh,
      agencyEn: r.agencyEn,
      role: r.role,
      due: isoDate(r.dueAt),
      daysOverdue: Math.floor((now.getTime() - r.dueAt.getTime()) / DAY),
    }));
    let mailed = 0;
    for (const m of await moderators(em)) {
      const queued = await this.prefs.queue(em, m, 'moderation', {
        template: 'assignment.overdue-digest',
        idempotencyKey: `assignment.overdue-digest:${week}:${m.id}`,
        params: { url: `${this.config.publicUrl}/api/v1/scoreboard/agencies`, count: total, items, more: total - rows.length },
      });
      if (queued) mailed += 1;
    }
    return mailed;
  }

  /** What every mail about one assignment says: the proposal, the agency, its role and its deadline. */
  private about(p: Titled, agency: Named, a: ProposalAssignment) {
    return {
      title: p.title,
      url: this.mailer.url(p.id),
      agencyZh: agency.nameZh,
      agencyEn: agency.nameEn,
      role: a.role,
      due: isoDate(a.dueAt),
    };
  }
}
