import {
  Controller,
  Get,
  Inject,
  Injectable,
  Logger,
  Module,
  NotFoundException,
  type OnApplicationShutdown,
  type OnModuleInit,
  Param,
  ParseIntPipe,
  Header,
  UseGuards,
} from '@nestjs/common';
import { AppConfig } from '#config';
import { MailCatcher, escapeHtml } from '#mail';
import { Views, ViewsModule } from '../common/views.js';
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
    private readonly views: Views,
  ) {}

  /** In production, or with a real SMTP server, there is no mailbox to show. */
  private get catcher(): MailCatcher {
    if (!this.config.useDevMailCatcher) throw new NotFoundException();
    return this.box;
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  list(): string {
    return this.views.render('dev-mail/list', { messages: [...this.catcher.messages].reverse() });
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
    return this.views.render('dev-mail/message', { m, escape: escapeHtml, linkify });
  }
}

@Module({
  imports: [ViewsModule],
  controllers: [DevMailController],
  providers: [{ provide: CATCHER, useFactory: () => new MailCatcher() }, DevMailCatcherService],
})
export class DevMailModule {}
