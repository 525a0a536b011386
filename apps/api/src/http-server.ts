import type { Server } from 'node:http';
import type { AppConfig } from '#config';

/**
 * The HTTP server's patience with clients (HTTP_*_MS): a client that sends its headers or its request slowly
 * (slowloris) is answered 408 and disconnected after `headersTimeoutMs` / `requestTimeoutMs`, and an idle keep-alive
 * connection is closed after `keepAliveTimeoutMs` (behind a reverse proxy that keeps connections to the API open,
 * make this longer than the proxy's idle timeout, or the proxy may send a request on a connection being closed).
 * Call before the server listens.
 */
export function configureHttpServer(server: Server, limits: AppConfig['http']): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Node enforces the first two on a timer (every 30 s by default, read when listening starts): without a shorter
  // one a 10 s limit would let a slow client stay up to 40 s. (A documented option of createServer; Node reads the
  // property when the server starts listening, and @types/node does not declare it.)
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    50,
    Math.min(1_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 2)),
  );
}
