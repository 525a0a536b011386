import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from './app-config.js';
import { redactUrl } from './redact-url.js';

/** Where the logs go: standard output unless a test provides a stream (overrideProvider) to read them. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/**
 * Structured JSON logs (pino) for both apps; pretty-printed in development when pino-pretty is
 * installed. Every request gets an id (X-Request-Id is honoured and echoed).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [{ provide: LOG_DESTINATION, useValue: null }],
      inject: [AppConfig, LOG_DESTINATION],
      useFactory: (config: AppConfig, destination: DestinationStream | null) => ({
        pinoHttp: withDestination(destination, {
          level: config.logLevel,
          genReqId: (req, res) => {
            const incoming = req.headers['x-request-id'];
            const id = typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
            res.setHeader('X-Request-Id', id);
            return id;
          },
          // Requests are logged without headers or bodies (no tokens, cookies or passwords in logs) — leaner than
          // redacting them, which costs on every request — and with the secrets of the query (the token of a
          // verification or reset link, the signature of an unsubscribe link) redacted from the URL.
          serializers: {
            req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.url),
              remoteAddress: req.remoteAddress,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          // Request loggers carry only the request id; the request itself is serialized once, when it is logged.
          quietReqLogger: true,
          autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          transport:
            config.nodeEnv === 'development' && process.stdout.isTTY && !destination
              ? { target: 'pino-pretty', options: { singleLine: true } }
              : undefined,
        }),
      }),
    }),
  ],
})
export class LoggingModule {}

function withDestination<T>(destination: DestinationStream | null, options: T): T | [T, DestinationStream] {
  return destination ? [options, destination] : options;
}
