import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config.js';
import { Clock, SystemClock } from './clock.js';

@Global()
@Module({
  providers: [
    { provide: AppConfig, useFactory: () => AppConfig.fromEnv(process.env) },
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [AppConfig, Clock],
})
export class ConfigModule {}
