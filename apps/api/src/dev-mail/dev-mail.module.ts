import { Controller, Get, Inject, Injectable, Logger, Module, NotFoundException, type OnApplicationShutdown, type OnModuleInit, Param, ParseIntPipe, Header, UseGuards } from '@nestjs/common';
import { AppConfig } from '#config';
import { MailCatcher } from '#mail';
import { escapeHtml, page } from '../common/html.js';
import { LoopbackOnlyGuard } from './loopback-only.guard.js';

const CATCHER = Symbol('MailCatcher');

/** Runs the embedded SMTP catcher in development (no SMTP_URL). */
@Injectable()
class DevMailCatcherService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DevMailCatcher');
  constructor(
    @Inject(CATCHER) private readonly catcher: MailCatcher,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.useDevMailCatcher) return;
    const port = await this.catcher.start(this.config.mailCatcherPort);
    this.logger.log(`development mail catcher: SMTP on 127.0.0.1:${port}, read mail at ${this.config.publicUrl}/dev/mail`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.catcher.stop();
  }
}

function linkify(escapedText: string): string {
  return escapedText.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}

/** `GET /dev/mail`: what the platform sent, newest first. Development only, to loopback clients only (LoopbackOnlyGuard). */
@Controller('dev/mail')
@UseGuards(LoopbackOnlyGuard)
class DevMailController {
  constructor(
    @Inject(CATCHER) private readonly box: MailCatcher,
    private readonly config: AppConfig,
  ) {}

  /** In production, or with a real SMTP server, there is no mailbox to show. */
  private get catcher(): MailCatcher {
    if (!this.config.useDevMailCatcher) throw new NotFoundException();
    return this.box;
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  list(): string {
    const rows = [...this.catcher.messages]
      .reverse()
      .map(
        (m) => `<tr><td>${m.receivedAt.toISOString()}</td><td>${escapeHtml(m.to.join(', '))}</td>
<td><a href="/dev/mail/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
      )
      .join('');
    return page(
      '開發用信箱 Development mailbox',
      `<h1>開發用信箱 Development mailbox</h1>
<p class="muted">平臺寄出的信件都在這裡（僅開發環境）。Mail the platform sent, caught in development. <a href="/dev/mail/messages.json">JSON</a></p>
<table><tr><th>時間 Time</th><th>收件人 To</th><th>主旨 Subject</th></tr>${rows || '<tr><td colspan="3">尚無信件 No mail yet</td></tr>'}</table>`,
    );
  }

  @Get('messages.json')
  json() {
    return { items: [...this.catcher.messages].reverse() };
  }

  @Get(':id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  one(@Param('id', ParseIntPipe) id: number): string {
    const m = this.catcher.messages.find((x) => x.id === id);
    if (!m) throw new NotFoundException(`mail ${id} not found`);
    return page(
      m.subject,
      `<p><a href="/dev/mail">← 信箱 Mailbox</a></p><h1>${escapeHtml(m.subject)}</h1>
<p class="muted">From ${escapeHtml(m.from)}<br>To ${escapeHtml(m.to.join(', '))}<br>${m.receivedAt.toISOString()}</p>
<pre>${linkify(escapeHtml(m.text))}</pre>`,
    );
  }
}

@Module({
  controllers: [DevMailController],
  providers: [{ provide: CATCHER, useFactory: () => new MailCatcher() }, DevMailCatcherService],
})
export class DevMailModule {}
