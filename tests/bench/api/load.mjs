// Open-loop GET load against several routes in turn: round after round, each route gets a
// slice of `sliceSeconds` at `rate` requests/s, so a machine whose other load changes over the
// run treats every route alike. Request i of a slice is due at t0 + i / rate whatever happened
// before, and its latency runs from when it was due (a stalled server cannot hide its queue).
// Runs in its own process so the load generator never shares the server's event loop. Prints
// one line when each slice starts (the parent meters the server's CPU per slice), then results.
import http from 'node:http';

const { targets, rate, sliceSeconds, rounds, warmSeconds } = JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

function get(target, due) {
  return new Promise((resolve) => {
    const req = http.get(target.url, { agent, headers: target.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - due }));
    });
    req.on('error', (err) => resolve({ status: 0, ms: performance.now() - due, error: err.code ?? err.message }));
  });
}

async function slice(target, seconds) {
  const n = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const t0 = performance.now();
  const pending = [];
  for (let i = 0; i < n; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(get(target, due));
  }
  const sent = n / ((performance.now() - t0) / 1000);
  return { results: await Promise.all(pending), sent };
}

for (const target of targets) await slice(target, warmSeconds);
const out = Object.fromEntries(targets.map((t) => [t.name, { latencies: [], statuses: [], errors: [], sentRates: [] }]));
for (let round = 0; round < rounds; round++) {
  for (const target of targets) {
    say({ event: 'slice', target: target.name, requests: Math.round(rate * sliceSeconds) });
    const { results, sent } = await slice(target, sliceSeconds);
    const o = out[target.name];
    for (const r of results) {
      o.latencies.push(r.ms);
      o.statuses.push(r.status);
      if (r.error) o.errors.push(r.error);
    }
    o.sentRates.push(sent);
  }
}
say({ event: 'done', results: out });
agent.destroy();
