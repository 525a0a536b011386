import { connect } from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { configureHttpServer } from '../../apps/api/src/http-server.js';
import { freshIp, tokenFrom, uniqueEmail } from '../support/http.js';
import { mailTo } from '../support/mail.js';
import { type TestApp, createTestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

describe('secrets in URLs never reach the request log', () => {
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'info' }, logs: { write: (line: string) => void lines.push(line) } });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The request log line of the request with this id. */
  const logged = async (requestId: string) => {
    let entry: { req?: { url?: string } } | undefined;
    await until(
      () => {
        const line = lines.find((l) => l.includes(`"id":"${requestId}"`) && l.includes('"req"'));
        entry = line ? (JSON.parse(line) as typeof entry) : undefined;
        return !!entry;
      },
      { what: `the log line of request ${requestId}` },
    );
    return entry!;
  };

  it('logs the verification and reset pages and the unsubscribe link with [REDACTED] for the token and the signature', async () => {
    const email = uniqueEmail('logs');
    await t.http
      .post('/api/v1/auth/register')
      .set('X-Forwarded-For', freshIp())
      .send({ email, password: 'correct horse battery', displayName: 'Log' });
    const token = tokenFrom(await mailTo(t, email, 'account.verify-email'));
    const sig = 'c2lnbmF0dXJlLW9mLWFuLXVuc3Vic2NyaWJlLWxpbms';

    // [request id, request, the URL the log may show]
    const requests: [string, string, string][] = [
      ['log-verify', `GET /verify-email?token=${token}`, '/verify-email?token=[REDACTED]'],
      ['log-reset', `GET /reset-password?token=${token}&x=1`, '/reset-password?token=[REDACTED]&x=1'],
      ['log-unsubscribe', `GET /unsubscribe?proposal=p1&user=u1&sig=${sig}`, '/unsubscribe?proposal=p1&user=u1&sig=[REDACTED]'],
      ['log-one-click', `POST /unsubscribe?scope=agency&user=u1&sig=${sig}`, '/unsubscribe?scope=agency&user=u1&sig=[REDACTED]'],
    ];
    for (const [id, request] of requests) {
      const [method, path] = request.split(' ') as ['GET' | 'POST', string];
      await (method === 'GET' ? t.http.get(path) : t.http.post(path)).set('X-Request-Id', id);
    }
    for (const [id, , url] of requests) expect((await logged(id)).req?.url).toBe(url);
    const all = lines.join('');
    expect(all).not.toContain(token);
    expect(all).not.toContain(sig);
  });
});

describe('slow clients are cut off', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ env: { HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '1000' } });
    const server = t.app.getHttpServer() as Server;
    configureHttpServer(server, t.config.http);
    await t.app.listen(0, '127.0.0.1');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Opens a connection and writes `chunks` one every `everyMs`; resolves with what the server said and when it hung up. */
  const dribble = (chunks: string[], everyMs: number) =>
    new Promise<{ answer: string; closedAfterMs: number }>((resolve, reject) => {
      const started = Date.now();
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      let i = 0;
      const timer = setInterval(() => {
        if (i < chunks.length && !socket.destroyed) socket.write(chunks[i++]!);
      }, everyMs);
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('error', reject);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ answer, closedAfterMs: Date.now() - started });
      });
    });

  it('answers 408 and hangs up on a client that sends its headers a line every 100 ms', async () => {
    // 60 header lines at 100 ms: 6 s if the server waited for them all (Node's own default waits 60 s).
    const headers = ['GET /health/live HTTP/1.1\r\nHost: localhost\r\n', ...Array.from({ length: 60 }, (_, i) => `X-Slow-${i}: 1\r\n`)];
    const { answer, closedAfterMs } = await dribble(headers, 100);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(450);
    expect(closedAfterMs).toBeLessThan(2_500);
  });

  it('answers 408 and hangs up on a client that sends its body slowly', async () => {
    const body = '{"email":"slow@example.org","password":"correct horse battery"}';
    const head = `POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { answer, closedAfterMs } = await dribble([head, ...body.split('')], 100);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeLessThan(3_000);
  });

  it('serves a client that is not slow', async () => {
    const { answer } = await dribble(['GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'], 10);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });
});
