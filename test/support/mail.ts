import { In, type DataSource } from 'typeorm';
import { type CaughtMail, MailMessage, type MailCatcher, type MailTemplateName, renderMail } from '#mail';
import { until } from './wait.js';

/** Where tests read mail: the SMTP sink and the database the mail rows are in (a TestApp). */
export interface MailSink {
  mail: MailCatcher;
  ds: DataSource;
}

/** A delivered mail with what it was made from: its row's template id, locale and parameters (codes and data, no wording). */
export interface SentMail extends CaughtMail {
  mailId: string;
  template: string;
  locale: string;
  params: Record<string, unknown>;
}

export interface MailQuery {
  /** The recipient's address, exactly as it was sent to. */
  to?: string;
  /** Anything else about the mail: its parameters (`m.params.role === 'lead'`), its text (`m.text.includes(id)`). */
  where?: (m: SentMail) => boolean;
}

const plain = (text: string) => text.replace(/\r\n/g, '\n').trim();

/**
 * The caught mails made from `template`, found by the X-Mail-Id header every mail carries (its mail_messages row),
 * never by their wording. Each is checked to be its row's rendering: the subject and text the template gives in the
 * row's locale (the words themselves are fixed by the unit tests of libs/mail), so a test asserting the row's codes
 * (`params.reasonCode`, `locale`) asserts what the recipient read.
 */
export async function sentMails(t: MailSink, template: MailTemplateName, q: MailQuery = {}): Promise<SentMail[]> {
  const caught = t.mail.find((m) => (q.to === undefined || m.to.includes(q.to)) && typeof m.headers['x-mail-id'] === 'string');
  const rows = new Map<string, MailMessage>();
  for (let i = 0; i < caught.length; i += 1000) {
    const ids = caught.slice(i, i + 1000).map((m) => m.headers['x-mail-id']!);
    for (const r of await t.ds.getRepository(MailMessage).find({ where: { id: In(ids), template } })) rows.set(r.id, r);
  }
  const out: SentMail[] = [];
  for (const m of caught) {
    const row = rows.get(m.headers['x-mail-id']!);
    if (!row) continue;
    const sent: SentMail = {
      ...m,
      mailId: row.id,
      template: row.template,
      locale: row.locale,
      params: row.params as Record<string, unknown>,
    };
    if (q.where && !q.where(sent)) continue;
    const rendered = renderMail(row.template, row.locale, sent.params);
    if (m.subject !== rendered.subject)
      throw new Error(`mail ${row.id} (${template}) arrived as "${m.subject}", its row renders "${rendered.subject}"`);
    if (plain(m.text) !== plain(rendered.text))
      throw new Error(`mail ${row.id} (${template}) arrived with another text than its row renders:\n${m.text}\n---\n${rendered.text}`);
    out.push(sent);
  }
  return out;
}

/** Waits for the first mail made from `template` to `to` (and matching `where`). */
export async function mailTo(
  t: MailSink,
  to: string,
  template: MailTemplateName,
  where?: (m: SentMail) => boolean,
  timeoutMs = 15_000,
): Promise<SentMail> {
  let found: SentMail | undefined;
  await until(async () => (found = (await sentMails(t, template, { to, where }))[0]) !== undefined, {
    timeoutMs,
    what: `a ${template} mail to ${to}`,
  });
  return found!;
}

/** How many mail rows were queued under idempotency keys starting with `prefix` (each sent once). */
export async function mailsQueued(t: { ds: DataSource }, prefix: string): Promise<number> {
  const [row] = (await t.ds.query('SELECT COUNT(*) AS n FROM mail_messages WHERE idempotency_key LIKE ?', [`${prefix}%`])) as {
    n: number | string;
  }[];
  return Number(row!.n);
}
