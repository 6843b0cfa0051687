// Open-loop GET load: request i is due at t0 + i / rate whatever happened before, and its
// latency runs from when it was due (so a stalled server cannot hide its queueing delay).
// Runs in its own process so the load generator never shares the server's event loop.
import http from 'node:http';

const { url, headers, rate, seconds, warmSeconds } = JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function get(due) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - due }));
    });
    req.on('error', (err) => resolve({ status: 0, ms: performance.now() - due, error: err.code ?? err.message }));
  });
}

async function run(n) {
  const interval = 1000 / rate;
  const t0 = performance.now();
  const pending = [];
  for (let i = 0; i < n; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(get(due));
  }
  const launchRate = n / ((performance.now() - t0) / 1000);
  return { results: await Promise.all(pending), launchRate };
}

await run(Math.round(rate * warmSeconds));
const { results, launchRate } = await run(Math.round(rate * seconds));
process.stdout.write(
  JSON.stringify({
    latencies: results.map((r) => r.ms),
    statuses: results.map((r) => r.status),
    errors: results.filter((r) => r.error).map((r) => r.error),
    launchRate,
  }) + '\n',
);
agent.destroy();
