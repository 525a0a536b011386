import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import request from 'supertest';
import { type TestApp, createTestApp } from '../support/test-app.js';

/** An IPv4 address of this machine that is not loopback: connecting to it makes the server see a non-loopback peer. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

const ROUTES = ['/dev/mail', '/dev/mail/messages.json', '/dev/mail/1'];

describe('/dev/mail answers only loopback clients, only in development', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    // The embedded catcher of `npm start` (development, no SMTP_URL) on a free port, and a proxy trusted blindly,
    // so X-Forwarded-For would claim any address.
    t = await createTestApp({ env: { NODE_ENV: 'development', SMTP_URL: '', MAIL_CATCHER_PORT: '0', TRUST_PROXY: 'true' } });
    await t.app.listen(0, '0.0.0.0');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the mailbox to a client on this machine, whatever X-Forwarded-For says', async () => {
    const local = request(`http://127.0.0.1:${port}`);
    expect((await local.get('/dev/mail').expect(200)).text).toContain('Development mailbox');
    expect((await local.get('/dev/mail/messages.json').set('X-Forwarded-For', '203.0.113.7').expect(200)).body).toEqual({ items: [] });
    await local.get('/dev/mail/1').expect(404); // no such mail, but the route answers
  });

  (outsideAddress ? it : it.skip)(
    `answers 404 on every route to a client from another address (${outsideAddress ?? 'none on this machine'}), even claiming loopback`,
    async () => {
      const outside = request(`http://${outsideAddress}:${port}`);
      for (const path of ROUTES) {
        const res = await outside.get(path).set('X-Forwarded-For', '127.0.0.1').expect(404);
        expect(res.text).not.toContain('Development mailbox');
      }
      // The rest of the API answers that client as usual.
      await outside.get('/health/live').expect(200);
    },
  );
  if (!outsideAddress) console.warn('dev-mail.e2e-spec: this machine has no non-loopback IPv4 address; the non-loopback case is skipped');

  it('is not there in tests or production (a real SMTP server)', async () => {
    const other = await createTestApp();
    try {
      for (const path of ROUTES) await other.http.get(path).expect(404);
    } finally {
      await other.close();
    }
  });
});
