import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: number;
  receivedAt: Date;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string | undefined;
  headers: Record<string, string>;
}

/**
 * A real SMTP server that keeps what it receives in memory. The API runs it in development when
 * SMTP_URL is unset (with a page at /dev/mail), and tests use it to read the mail the worker sent.
 */
export class MailCatcher {
  private server: SMTPServer | undefined;
  private seq = 0;
  private readonly waiters = new Set<() => void>();
  readonly messages: CaughtMail[] = [];
  /** For tests: reject this many incoming messages with a temporary error before accepting. */
  rejectNext = 0;

  constructor(private readonly limit = 500) {}

  async start(port: number, host = '127.0.0.1'): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        if (this.rejectNext > 0) {
          this.rejectNext -= 1;
          stream.resume();
          stream.on('end', () => {
            const err = Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 });
            callback(err);
          });
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            const headers: Record<string, string> = {};
            for (const { key, line } of parsed.headerLines) headers[key] = line.slice(line.indexOf(':') + 1).trim();
            const to = ([] as { text: string }[]).concat((parsed.to as never) ?? []).map((a) => a.text);
            this.messages.push({
              id: ++this.seq,
              receivedAt: new Date(),
              from: parsed.from?.text ?? '',
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId,
              headers,
            });
            if (this.messages.length > this.limit) this.messages.shift();
            for (const wake of this.waiters) wake();
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    const address = (this.server as unknown as { server: { address(): { port: number } } }).server.address();
    return address.port;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  find(predicate: (m: CaughtMail) => boolean): CaughtMail[] {
    return this.messages.filter(predicate);
  }

  /** Resolves with the first mail matching the predicate, waiting for it up to timeoutMs. */
  waitFor(predicate: (m: CaughtMail) => boolean, timeoutMs = 15_000): Promise<CaughtMail> {
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const wake = () => {
        const m = this.messages.find(predicate);
        if (m) {
          cleanup();
          resolve(m);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching mail within ${timeoutMs} ms (${this.messages.length} caught)`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
    });
  }
}
