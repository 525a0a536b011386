import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '#config';
import { AccountsService, DemoDataService } from '#domain';

/** On start: reference data, the configured admin, and demo data when enabled. */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly demo: DemoDataService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.demo.loadReferenceData();
    if (this.config.admin) {
      const outcome = await this.accounts.ensureAdmin(this.config.admin.email, this.config.admin.password);
      if (outcome !== 'unchanged') this.logger.log(`admin account ${this.config.admin.email}: ${outcome}`);
    }
    if (this.config.demoDataEnabled) await this.demo.loadDemoData();
  }
}
