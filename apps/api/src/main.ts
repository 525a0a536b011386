import 'reflect-metadata';
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig, ConfigError } from '#config';
import { runMigrations } from '#database';
import { ApiModule } from './api.module.js';
import { configureApp } from './app.setup.js';
import { configureHttpServer } from './http-server.js';

if (existsSync('.env')) process.loadEnvFile('.env');

/** One HTTP server process. With API_WORKERS > 1 several of them share the port (node:cluster). */
async function serve(config: AppConfig, started: number): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureApp(app);
  configureHttpServer(app.getHttpServer(), config.http);
  // HOST defaults to 127.0.0.1: a development machine serves only itself unless told otherwise.
  await app.listen(config.port, config.host);
  const log = app.get(Logger);
  if (config.jwtSecretGenerated && cluster.isPrimary)
    log.warn('JWT_SECRET is not set: using a random secret, so tokens end with this process');
  if (cluster.isPrimary) for (const warning of config.warnings) log.warn(`UNSAFE SETTING: ${warning}`);
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  log.log(`API listening on ${host}:${config.port}, public URL ${config.publicUrl} (ready in ${Date.now() - started} ms)`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const config = AppConfig.fromEnv(process.env);
  if (cluster.isWorker) return serve(config, started);

  await runMigrations(config.databaseUrl, (m) => console.log(m));
  if (config.apiWorkers <= 1) return serve(config, started);

  // Several processes: they must share one JWT secret, so a generated one is handed to all of them.
  const env = { ...process.env, JWT_SECRET: config.jwtSecret };
  let stopping = false;
  for (let i = 0; i < config.apiWorkers; i++) cluster.fork(env);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`API worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork(env);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    });
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('API failed to start:', err);
  }
  process.exit(1);
});
