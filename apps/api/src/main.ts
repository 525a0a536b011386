import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig, ConfigError } from '#config';
import { runMigrations } from '#database';
import { ApiModule } from './api.module.js';
import { configureApp } from './app.setup.js';

if (existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  const started = Date.now();
  const config = AppConfig.fromEnv(process.env);
  await runMigrations(config.databaseUrl, (m) => console.log(m));
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.listen(config.port);
  const log = app.get(Logger);
  if (config.jwtSecretGenerated) log.warn('JWT_SECRET is not set: using a random secret, so tokens end with this process');
  log.log(`API listening on ${config.publicUrl} (ready in ${Date.now() - started} ms)`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('API failed to start:', err);
  }
  process.exit(1);
});
