#!/usr/bin/env node
// The mock-server line of `npm run bench`: 50,000 createPayment at concurrency 50, as a merchant's load test would
// send them — signed with node:crypto, over HTTP to the mock's port — against dist/mock-server.mjs (`npm run build`
// first). It prints the rate of the first and of the last thousand payments (targets: the last within 20 % of the
// first, i.e. no lookup that grows with the payments) and the heap growth after a full GC (target: under 50 MB, i.e.
// bounded logs and caches). Rates are given per second of wall time and per second of this process's CPU time: on a
// shared machine the wall clock measures the neighbours too, so the target is judged on CPU time (GC included). It re-runs itself with --expose-gc when started without it, so that the heap is measured
// without garbage.
import { spawnSync } from 'node:child_process';
import { createHash, createHmac, createSign, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

if (typeof globalThis.gc !== 'function') {
  const { status } = spawnSync(process.execPath, ['--expose-gc', import.meta.filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(status ?? 1);
}

const TOTAL = Number(process.env.BENCH_PAYMENTS ?? 50_000);
const CONCURRENCY = 50;
const WINDOW = 1_000;
// Payments made before the clock starts: without them the first thousand measure the JIT and the sockets' set-up,
// and would make any later slowdown look fast.
const WARMUP = 1_000;

const dist = resolve(import.meta.dirname, '../dist/mock-server.mjs');
if (!existsSync(dist)) {
  console.error('mock-server bench: dist/mock-server.mjs is missing; run `npm run build` first.');
  process.exit(1);
}
const { createMockGoPayServer } = await import(pathToFileURL(dist).href);

/** X-TIMESTAMP in Jakarta time. */
function jakarta(ms = Date.now()) {
  return new Date(ms + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

/** The heap in MB after two full collections (the second frees what the first's finalizers released). */
function heapMb() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed / 1_048_576;
}

const mock = await createMockGoPayServer({ notifyRetry: { attempts: 1 } });
const url = await mock.listen();
const { clientId, partnerId, clientSecret, privateKey, merchantId, pointOfPurchaseId } = mock.merchant;

async function accessToken() {
  const timestamp = jakarta();
  const response = await fetch(`${url}/v1.0/access-token/b2b`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-client-key': clientId,
      'x-timestamp': timestamp,
      'x-signature': createSign('RSA-SHA256').update(`${clientId}|${timestamp}`).sign(privateKey, 'base64'),
    },
    body: JSON.stringify({ grantType: 'client_credentials' }),
  });
  return (await response.json()).accessToken;
}

const token = await accessToken();
const PATH = '/v1.0/debit/payment-host-to-host';

async function createPayment(i) {
  const body = JSON.stringify({
    partnerReferenceNo: `bench-${i}`,
    chargeToken: '',
    merchantId,
    payOptionDetails: [{ payMethod: 'GOPAY', payOption: 'GOPAY', transAmount: { value: `${1000 + (i % 9000)}.00`, currency: 'IDR' } }],
    additionalInfo: { pointOfPurchaseId },
  });
  const timestamp = jakarta();
  const hash = createHash('sha256').update(body).digest('hex');
  const signature = createHmac('sha512', clientSecret).update(`POST:${PATH}:${token}:${hash}:${timestamp}`).digest('base64');
  const response = await fetch(url + PATH, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-timestamp': timestamp,
      'x-signature': signature,
      'x-partner-id': partnerId,
      'x-external-id': randomUUID(),
      'channel-id': '95221',
    },
    body,
  });
  const answer = await response.json();
  if (answer.responseCode !== '2005400') throw new Error(`payment ${i} refused: ${JSON.stringify(answer)}`);
}

/** Runs `count` payments from number `from` on, CONCURRENCY at a time; `each(k)` after the k-th completes. */
async function run(from, count, each = () => {}) {
  let next = from;
  let finished = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < from + count) {
        await createPayment(next++);
        each(finished++);
      }
    }),
  );
}

const heapBefore = heapMb();
await run(TOTAL, WARMUP);
/** done[k]: when the (k+1)-th measured payment completed, ms since the start. */
const done = new Float64Array(TOTAL);
/** cpu[i]: this process's CPU time (µs, user + system) when the i-th thousand had completed. */
const cpu = new Float64Array(TOTAL / WINDOW + 1);
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const started = performance.now();
cpu[0] = cpuNow();
await run(0, TOTAL, (k) => {
  done[k] = performance.now() - started;
  if ((k + 1) % WINDOW === 0) cpu[(k + 1) / WINDOW] = cpuNow();
});
const heapAfter = heapMb();
const payments = mock.payments.size;
await mock.close();

/** Payments per second between the from-th and the to-th completion. */
function rate(from, to) {
  return (to - from) / ((done[to - 1] - (from ? done[from - 1] : 0)) / 1000);
}
/** Payments per second of CPU time in the i-th thousand. */
function cpuRate(i) {
  return WINDOW / ((cpu[i + 1] - cpu[i]) / 1e6);
}

const windows = TOTAL / WINDOW;
const [first, last] = [rate(0, WINDOW), rate(TOTAL - WINDOW, TOTAL)];
const [firstCpu, lastCpu] = [cpuRate(0), cpuRate(windows - 1)];
const cpuRates = Array.from({ length: windows }, (_, i) => cpuRate(i));
const change = (a, b) => `${b >= a ? '+' : ''}${((b / a - 1) * 100).toFixed(1)} %`;
const growth = heapAfter - heapBefore;
console.log(
  `mock-server: ${TOTAL.toLocaleString('en')} createPayment at concurrency ${CONCURRENCY} over HTTP after ${WARMUP} to warm up. ` +
    `Wall: ${(TOTAL / (done[TOTAL - 1] / 1000)).toFixed(0)}/s overall, first ${WINDOW} ${first.toFixed(0)}/s, last ${last.toFixed(0)}/s ` +
    `(${change(first, last)}). CPU: first ${WINDOW} ${firstCpu.toFixed(0)}/s, last ${lastCpu.toFixed(0)}/s (${change(firstCpu, lastCpu)}; ` +
    `target ≥ −20 %: ${lastCpu >= firstCpu * 0.8 ? 'met' : 'MISSED'}), thousands ${Math.min(...cpuRates).toFixed(0)}–${Math.max(...cpuRates).toFixed(0)}/s. ` +
    `Heap ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MB after GC, +${growth.toFixed(1)} MB for ${payments.toLocaleString('en')} ` +
    `payments (target < 50 MB: ${growth < 50 ? 'met' : 'MISSED'}).`,
);
