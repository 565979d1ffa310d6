#!/usr/bin/env node
// The server line of `npm run bench`: what createPayment costs beyond a bare fetch of the same request to the same
// local server (validation, the SNAP string to sign, SHA-256, HMAC-SHA512, the retry wrapper, reading the answer,
// the deeplink). The stand-in for GoPay runs in a child process so that its work is not counted on either side.
// Both are measured in one run, interleaved call by call, in ROUNDS rounds; the line gives the medians.
// Uses dist/server.mjs when it exists (npm run bench builds first); `--src` bundles src/server/index.ts with esbuild.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ANSWER = JSON.stringify({
  responseCode: '2005400',
  responseMessage: 'Successful',
  referenceNo: 'A120240318084521LfZpoc6BloID',
  partnerReferenceNo: 'order-1',
  webRedirectUrl: 'https://gopay.co.id/app/merchanttransfer?tref=A120240318084521LfZpoc6BloID&amount=15000.00',
});
const TOKEN = JSON.stringify({
  responseCode: '2007300',
  responseMessage: 'Successful',
  accessToken: 'tok',
  tokenType: 'Bearer',
  expiresIn: '900',
});

if (process.argv.includes('--serve')) {
  let tokenRequests = 0;
  process.on('message', (message) => message === 'tokens?' && process.send({ tokenRequests }));
  const server = createServer((req, res) => {
    if (req.url === '/v1.0/access-token/b2b') tokenRequests++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(req.url === '/v1.0/access-token/b2b' ? TOKEN : ANSWER);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
  process.on('disconnect', () => process.exit(0));
} else {
  const root = resolve(import.meta.dirname, '..');
  const dist = resolve(root, 'dist/server.mjs');
  let entry;
  if (!process.argv.includes('--src') && existsSync(dist))
    entry = { module: await import(pathToFileURL(dist).href), from: 'dist/server.mjs' };
  // A dist/ older than the server entry has no createSnapClient: measure the source instead.
  if (typeof entry?.module.createSnapClient !== 'function') {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [resolve(root, 'src/server/index.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
    });
    const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`;
    entry = { module: await import(url), from: 'src/server (esbuild)' };
  }
  const { createSnapClient, verifyNotification } = entry.module;

  const child = fork(import.meta.filename, ['--serve'], { stdio: 'inherit' });
  const port = await new Promise((done) => child.once('message', done));
  const baseUrl = `http://127.0.0.1:${port}`;
  const privateKey = await makePrivateKey();
  const merchant = { clientId: 'bench', partnerId: 'bench-partner', clientSecret: 'bench-secret', privateKey, merchantId: 'G1', baseUrl };
  const snap = createSnapClient(merchant);
  const body = {
    partnerReferenceNo: 'order-1',
    payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value: '15000.00', currency: 'IDR' } }],
  };
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    Authorization: 'Bearer tok',
    'X-TIMESTAMP': '2026-11-30T21:30:00+07:00',
    'X-PARTNER-ID': 'bench-partner',
    'X-EXTERNAL-ID': '5a1b2c3d-0000-4000-8000-000000000000',
    'CHANNEL-ID': '95221',
    'X-SIGNATURE': 'x'.repeat(88),
  };
  const bare = async () => {
    const response = await fetch(`${baseUrl}/v1.0/debit/payment-host-to-host`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...body, chargeToken: '', merchantId: 'G1' }),
    });
    return response.json();
  };
  const kit = () => snap.createPayment(body);

  const ROUNDS = 7;
  const CALLS = 400;
  const median = (values) => values.toSorted((a, b) => a - b)[values.length >> 1];
  for (let i = 0; i < 300; i++) await Promise.all([bare(), kit()]);
  const bareMs = [];
  const kitMs = [];
  const extraMs = [];
  for (let round = 0; round < ROUNDS; round++) {
    const a = [];
    const b = [];
    for (let i = 0; i < CALLS; i++) {
      // Interleaved call by call, the order alternating, so that drift hits both sides alike.
      const first = i % 2 ? bare : kit;
      const second = i % 2 ? kit : bare;
      let t = performance.now();
      await first();
      const d1 = performance.now() - t;
      t = performance.now();
      await second();
      const d2 = performance.now() - t;
      (first === bare ? a : b).push(d1);
      (second === bare ? a : b).push(d2);
    }
    bareMs.push(median(a));
    kitMs.push(median(b));
    extraMs.push(median(b) - median(a));
  }
  const [base, ours, extra] = [median(bareMs), median(kitMs), median(extraMs)];
  console.log(
    `server: createPayment ${ours.toFixed(3)} ms vs bare fetch ${base.toFixed(3)} ms per call → +${extra.toFixed(3)} ms ` +
      `(×${(ours / base).toFixed(2)}), medians of ${ROUNDS} interleaved rounds × ${CALLS} calls, ${entry.from}; target < 1 ms: ${extra < 1 ? 'met' : 'MISSED'}`,
  );

  // 1,000 concurrent payments from a fresh client: one token request among them.
  const tokensBefore = await tokenRequests(child);
  const fresh = createSnapClient(merchant);
  await Promise.all(Array.from({ length: 1000 }, (_, i) => fresh.createPayment({ ...body, partnerReferenceNo: `order-${i}` })));
  const tokens = (await tokenRequests(child)) - tokensBefore;
  console.log(`server: 1,000 concurrent createPayment → ${tokens} token request(s); target 1: ${tokens === 1 ? 'met' : 'MISSED'}`);
  child.disconnect();

  // verifyNotification against a 10 MB POST: without X-SIGNATURE, and signed-looking but over maxBodyBytes.
  const publicKey = await makePublicKey();
  const big = JSON.stringify({ latestTransactionStatus: '00', padding: ' '.repeat(10_000_000) });
  const now = new Date(Date.now() + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
  const inputs = {
    unsigned: { method: 'POST', url: '/v1.0/debit/notify', headers: { 'x-timestamp': now }, body: big },
    oversized: { method: 'POST', url: '/v1.0/debit/notify', headers: { 'x-timestamp': now, 'x-signature': 'x'.repeat(344) }, body: big },
  };
  for (const [name, input] of Object.entries(inputs)) {
    const times = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await verifyNotification(input, { publicKey }).catch(() => {});
      times.push(performance.now() - t);
    }
    const ms = median(times);
    console.log(
      `server: verifyNotification refuses a 10 MB ${name} body in ${ms.toFixed(3)} ms (median of 50); target < 5 ms: ${ms < 5 ? 'met' : 'MISSED'}`,
    );
  }
  // The worst an attacker gets: a body just under maxBodyBytes (1 MiB), pretty-printed, with a forged signature —
  // minified, hashed and checked. No target; the figure says what the linear minify costs.
  const nearLimit = JSON.stringify({ items: Array.from({ length: 19_000 }, (_, i) => ({ id: i, name: `item ${i}` })) }, null, 2).slice(
    0,
    1_040_000,
  );
  const forged = {
    method: 'POST',
    url: '/v1.0/debit/notify',
    headers: { 'x-timestamp': now, 'x-signature': 'x'.repeat(344) },
    body: nearLimit,
  };
  const forgedTimes = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await verifyNotification(forged, { publicKey }).catch(() => {});
    forgedTimes.push(performance.now() - t);
  }
  console.log(
    `server: verifyNotification refuses a forged ${(nearLimit.length / 1_048_576).toFixed(2)} MiB body in ${median(forgedTimes).toFixed(2)} ms (median of 20)`,
  );
}

function tokenRequests(child) {
  return new Promise((done) => {
    child.once('message', (message) => done(message.tokenRequests));
    child.send('tokens?');
  });
}

// A fresh RSA public key (SPKI PEM): the verifier imports it; no signature is ever checked against it here.
async function makePublicKey() {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  );
  const der = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString('base64');
  return `-----BEGIN PUBLIC KEY-----\n${der.match(/.{1,64}/g).join('\n')}\n-----END PUBLIC KEY-----\n`;
}

// A fresh RSA key, made with WebCrypto (the public entry exports no key generator).
async function makePrivateKey() {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign'],
  );
  const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', pair.privateKey)).toString('base64');
  return `-----BEGIN PRIVATE KEY-----\n${der.match(/.{1,64}/g).join('\n')}\n-----END PRIVATE KEY-----\n`;
}
