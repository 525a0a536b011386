import { Pool } from 'undici';
import { createHmac } from 'node:crypto';
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: process.env.UID1, tv: 0, iat: Math.floor(Date.now()/1000), exp: Math.floor(Date.now()/1000)+3600 })}`;
const token = `${head}.${createHmac('sha256', 'benchsecretbenchsecretbenchsecret1234').update(head).digest('base64url')}`;
const pool = new Pool('http://127.0.0.1:3920', { connections: 64 });
for (const path of process.argv.slice(2)) {
  let n = 0, bad = 0; const end = Date.now() + 3000;
  await Promise.all(Array.from({ length: 64 }, async () => { while (Date.now() < end) { const r = await pool.request({ path, method: 'GET', headers: { authorization: `Bearer ${token}` } }); await r.body.text(); if (r.statusCode >= 400) bad++; n++; } }));
  console.log(path, Math.round(n / 3), 'req/s', bad ? `(${bad} errors)` : '');
}
await pool.close();
