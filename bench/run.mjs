#!/usr/bin/env node
// `npm run bench`: the per-call cost of the SDK against a hand-written promise wrapper around gpContainer.call,
// then a soak of 100 000 calls (a tenth timing out, a tenth aborted) that must leave nothing behind.
// Re-spawns itself with --expose-gc so that heap growth is measured after a real collection.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';

if (typeof globalThis.gc !== 'function') {
  const { status } = spawnSync(process.execPath, ['--expose-gc', import.meta.filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(status ?? 1);
}

const { createGoPay } = await import(pathToFileURL(resolve(import.meta.dirname, '../dist/index.mjs')).href);
console.log(`machine: ${cpus()[0].model} ×${cpus().length}, node ${process.version}`);

const LOCALE = { success: true, ret: 'GP_SUCCESS', app_locale: 'en_ID' };
const CODE = { success: true, ret: 'GP_SUCCESS', data: { authCode: 'A'.repeat(64) } };
const bridges = {
  synchronous: { call: (c, m, p, ok) => ok(m === 'getAuthCode' ? CODE : LOCALE) },
  microtask: { call: (c, m, p, ok) => queueMicrotask(() => ok(m === 'getAuthCode' ? CODE : LOCALE)) },
};

// The baseline: the 6-line wrapper a developer would write by hand (no timeout, no checks).
const handWritten =
  (container) =>
  (className, methodName, params = {}) =>
    new Promise((resolve, reject) =>
      container.call(className, methodName, params, (r) => (r && r.success !== false ? resolve(r.data ?? r) : reject(r)), reject),
    );

// Shared machines are noisy (the same run varies by up to 1.7×): each bridge is measured in ROUNDS short rounds,
// the tasks interleaved, and the table shows the median of each task's ns/call and of its ratio to the baseline
// measured in the same round.
const ROUNDS = 7;
const median = (values) => values.toSorted((a, b) => a - b)[values.length >> 1];
const rows = [];
for (const [name, bridge] of Object.entries(bridges)) {
  const raw = handWritten(bridge);
  const gp = createGoPay({ bridge });
  const gpNoTimeout = createGoPay({ bridge, timeout: false });
  const tasks = [
    ['hand-written wrapper', () => raw('GPBase', 'getLocale')],
    ['gp.call (10 s timeout)', () => gp.call('GPBase', 'getLocale')],
    ['gp.call (timeout: false)', () => gpNoTimeout.call('GPBase', 'getLocale')],
    ['gp.getAuthCode()', () => gp.getAuthCode()],
  ];
  const ns = tasks.map(() => []);
  const ratios = tasks.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: 250, warmupTime: round ? 20 : 300 });
    for (const [task, fn] of tasks) bench.add(task, fn);
    await bench.run();
    const base = bench.tasks[0].result.latency.mean;
    bench.tasks.forEach((task, i) => {
      ns[i].push(task.result.latency.mean * 1e6);
      ratios[i].push(task.result.latency.mean / base);
    });
  }
  const baseNs = median(ns[0]);
  tasks.forEach(([task], i) => {
    const taskNs = median(ns[i]);
    rows.push({
      bridge: name,
      task,
      'ops/s': Math.round(1e9 / taskNs).toLocaleString('en'),
      'ns/call': Math.round(taskNs),
      ratio: +median(ratios[i]).toFixed(2),
      'extra µs': +((taskNs - baseNs) / 1000).toFixed(2),
    });
  });
}
console.log(`median of ${ROUNDS} rounds per bridge; ratio = median of the per-round ratios to the hand-written wrapper`);
console.table(rows);

// Soak: 100 000 calls; every 10th never answered and times out after 1 ms, every 10th (+5) aborted mid-call.
const timers = new Set();
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
globalThis.setTimeout = (fn, ms, ...args) => {
  const id = realSetTimeout(() => {
    timers.delete(id);
    fn(...args);
  }, ms);
  timers.add(id);
  return id;
};
globalThis.clearTimeout = (id) => {
  timers.delete(id);
  realClearTimeout(id);
};
let abortListeners = 0;
const realAdd = AbortSignal.prototype.addEventListener;
const realRemove = AbortSignal.prototype.removeEventListener;
AbortSignal.prototype.addEventListener = function (...args) {
  if (args[0] === 'abort') abortListeners++;
  return realAdd.apply(this, args);
};
AbortSignal.prototype.removeEventListener = function (...args) {
  if (args[0] === 'abort') abortListeners--;
  return realRemove.apply(this, args);
};

let n = 0;
const soakBridge = { call: (c, m, p, ok) => (n++ % 10 === 0 ? undefined : queueMicrotask(() => ok(LOCALE))) };
const gp = createGoPay({ bridge: soakBridge });
const soak = async (counts) => {
  for (let batch = 0; batch < 100; batch++) {
    const calls = [];
    for (let i = 0; i < 1000; i++) {
      const k = batch * 1000 + i;
      if (k % 10 === 5) {
        const controller = new AbortController();
        calls.push(gp.call('GPBase', 'getLocale', {}, { signal: controller.signal, timeout: false }));
        controller.abort();
      } else calls.push(gp.call('GPBase', 'getLocale', {}, { timeout: 1 }));
    }
    for (const outcome of await Promise.allSettled(calls)) {
      if (outcome.status === 'fulfilled') counts.ok++;
      else counts[outcome.reason.code in counts ? outcome.reason.code : 'other']++;
    }
  }
};
// A first round warms up the JIT and inline caches (one-time allocations); the second is measured.
await soak({ ok: 0, TIMEOUT: 0, ABORTED: 0, other: 0 });
globalThis.gc();
const heapBefore = process.memoryUsage().heapUsed;
const counts = { ok: 0, TIMEOUT: 0, ABORTED: 0, other: 0 };
const started = performance.now();
await soak(counts);
const seconds = (performance.now() - started) / 1000;
globalThis.gc();
const growth = process.memoryUsage().heapUsed - heapBefore;
console.log(
  `soak: 100 000 calls in ${seconds.toFixed(1)} s — ok ${counts.ok}, timed out ${counts.TIMEOUT}, aborted ${counts.ABORTED}, other ${counts.other}`,
);
console.log(
  `left behind: ${timers.size} timers, ${abortListeners} abort listeners; heap growth after GC ${(growth / 1024).toFixed(0)} KiB`,
);
const clean =
  timers.size === 0 &&
  abortListeners === 0 &&
  growth < 1024 * 1024 &&
  counts.other === 0 &&
  counts.ok + counts.TIMEOUT + counts.ABORTED === 100_000;
console.log(clean ? 'soak: clean' : 'soak: FAILED');
process.exitCode = clean ? 0 : 1;
