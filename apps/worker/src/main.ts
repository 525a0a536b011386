import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, ConfigError } from '#config';
import { runMigrations } from '#database';
import { WorkerModule } from './worker.module.js';

if (existsSync('.env')) process.loadEnvFile('.env');

/** The queue worker: the outbox relay and the BullMQ processors, no HTTP. */
async function main(): Promise<void> {
  const config = AppConfig.fromEnv(process.env);
  await runMigrations(config.databaseUrl, (m) => console.log(m));
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app
    .get(Logger)
    .log(
      `worker started (queues prefixed "${config.queuePrefix}", SMTP ${config.smtpUrl ? 'from SMTP_URL' : 'to the development mail catcher'})`,
    );
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
