import { type INestApplication, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response, json } from 'express';
import { AppConfig } from '#config';
import { DomainExceptionFilter } from './common/domain-exception.filter.js';
import { ErrorShapeFilter } from './common/error-shape.filter.js';

/** Everything main.ts and the e2e tests both apply to the HTTP app. */
export function configureApp(app: INestApplication): void {
  const config = app.get(AppConfig);
  const express = app as NestExpressApplication;
  express.set('trust proxy', parseTrustProxy(config.trustProxy));
  express.disable('x-powered-by');
  // A whole plan document (the 2021–2024 plan is about 200 kB) is larger than the 100 kB every other body may be.
  // Only a request carrying a bearer token gets the larger parser (the route then checks it is the task force's):
  // anyone else's body goes to the 100 kB parser below and is refused early. This parser is registered before Nest
  // adds its own, which then sees the body parsed and leaves it. A named function: had this middleware Nest's own
  // parser's name (`jsonParser`, express's default), Nest would skip adding its parser for every route.
  const planDocumentJson = json({ limit: '5mb' });
  express.use('/api/v1/plans/import', function planDocumentParser(req: Request, res: Response, next: NextFunction) {
    if (/^Bearer\s/i.test(req.headers.authorization ?? '')) planDocumentJson(req, res, next);
    else next();
  });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }));
  // Nest tries the filter registered last first: domain errors, then every other error (the contract's 4xx shape).
  app.useGlobalFilters(new ErrorShapeFilter(app.getHttpAdapter()), new DomainExceptionFilter());
  app.enableShutdownHooks();
}

/** Express `trust proxy`: unset trusts none; "true"/"false", a hop count, or addresses/names like "loopback". */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
