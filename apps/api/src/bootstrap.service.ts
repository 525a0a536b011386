import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '#config';
import { AccountsService, DemoDataService, WorkingCalendarService } from '#domain';

/** On start: reference data, the configured admin, and demo data when enabled. */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly demo: DemoDataService,
    private readonly calendar: WorkingCalendarService,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Several API processes may start together: one at a time loads data (the others then find it there).
    const runner = this.ds.createQueryRunner();
    try {
      await runner.query("SELECT GET_LOCK('participation:bootstrap', 120)");
      await this.demo.loadReferenceData();
      // Taiwan's working-day calendars shipped in data/calendar/, for the years not loaded yet (demo and production).
      const years = await this.calendar.loadShippedYears();
      if (years.length) this.logger.log(`loaded the working-day calendar of ${years.join(', ')}`);
      if (this.config.admin) {
        const outcome = await this.accounts.ensureAdmin(this.config.admin.email, this.config.admin.password);
        if (outcome !== 'unchanged') this.logger.log(`admin account ${this.config.admin.email}: ${outcome}`);
      }
      if (this.config.demoDataEnabled) await this.demo.loadDemoData();
    } finally {
      await runner.query("SELECT RELEASE_LOCK('participation:bootstrap')").catch(() => undefined);
      await runner.release();
    }
  }
}
