import type { INestApplication, Type } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA, RouteParamtypes } from '@nestjs/common/internal';
import { ModulesContainer } from '@nestjs/core';

/** What a handler takes from the request, read from Nest's metadata. */
export interface HandlerInputs {
  controller: string;
  handler: string;
  /** The class of `@Body()`, `Object` for `@Body() body: unknown`; undefined when the handler reads no body. */
  body?: Type | typeof Object;
  /** The class of `@Query()` (the whole query), `Object` for an untyped one. */
  query?: Type | typeof Object;
  /** Single query values the handler reads (`@Query('token')`). */
  queryKeys: string[];
}

/** A route the HTTP server answers: from the Express router, with the inputs of the Nest handler behind it. */
export interface AppRoute extends HandlerInputs {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express syntax, `/api/v1/proposals/:id`. */
  path: string;
  params: string[];
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

const join = (...parts: string[]) => `/${parts.join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/** Every handler of every controller of the app, with the path it declares (controller path + method path). */
function handlers(app: INestApplication): (HandlerInputs & { method: string; suffix: string })[] {
  const out: (HandlerInputs & { method: string; suffix: string })[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as Type | null;
      if (!ctrl) continue;
      const bases = [Reflect.getMetadata(PATH_METADATA, ctrl) ?? ''].flat() as string[];
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const fn = Object.getOwnPropertyDescriptor(ctrl.prototype, name)?.value as unknown;
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number]!;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, ctrl, name) ?? {}) as Record<string, { index: number; data?: unknown }>;
        const types = (Reflect.getMetadata('design:paramtypes', ctrl.prototype, name) ?? []) as Type[];
        const inputs: HandlerInputs = { controller: ctrl.name, handler: name, queryKeys: [] };
        for (const [key, arg] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]);
          if (kind === RouteParamtypes.BODY && arg.data === undefined) inputs.body = types[arg.index] ?? Object;
          if (kind === RouteParamtypes.QUERY && arg.data === undefined) inputs.query = types[arg.index] ?? Object;
          if (kind === RouteParamtypes.QUERY && typeof arg.data === 'string') inputs.queryKeys.push(arg.data);
        }
        for (const base of bases) for (const p of [paths].flat()) out.push({ ...inputs, method, suffix: join(base, p) });
      }
    }
  }
  return out;
}

/**
 * The routes of the booted app, read from the Express router (what the server really answers), each joined to
 * its Nest handler (the longest controller + method path that ends the route's path, e.g. `/proposals/:id`
 * under the `/api/v1` of RouterModule). A route no handler explains throws: the caller must not silently skip it.
 */
export function appRoutes(app: INestApplication): AppRoute[] {
  const router = (app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } }).router;
  const known = handlers(app);
  const routes: AppRoute[] = [];
  for (const layer of router.stack) {
    // Nest mounts middleware (`forRoutes('*')`) as a route for every method: not a handler.
    if (!layer.route || Object.keys(layer.route.methods).length > 5) continue;
    for (const path of [layer.route.path].flat()) {
      for (const m of Object.keys(layer.route.methods)) {
        const method = m.toUpperCase();
        if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
        const normal = join(path);
        const handler = known
          .filter((h) => h.method === method && (normal === h.suffix || normal.endsWith(h.suffix === '/' ? '/' : h.suffix)))
          .sort((a, b) => b.suffix.length - a.suffix.length)[0];
        if (!handler) throw new Error(`no Nest handler found for ${method} ${path}`);
        const { suffix: _suffix, method: _method, ...inputs } = handler;
        const params = [...normal.matchAll(/:(\w+)/g)].map((x) => x[1]!);
        routes.push({ ...inputs, method: method as AppRoute['method'], path: normal, params });
      }
    }
  }
  return routes;
}
