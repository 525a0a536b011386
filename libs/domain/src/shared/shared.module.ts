import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppSecretsService } from './app-secrets.service.js';
import { CalendarDay, CalendarYear, QuietPeriod } from './calendar/calendar.entities.js';
import { WorkingCalendarService } from './calendar/working-calendar.service.js';

/** Installation secrets and Taiwan's working-day calendar, shared by every context. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([CalendarYear, CalendarDay, QuietPeriod])],
  providers: [AppSecretsService, WorkingCalendarService],
  exports: [AppSecretsService, WorkingCalendarService],
})
export class SharedModule {}
