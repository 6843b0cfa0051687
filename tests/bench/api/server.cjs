// The API as it runs in production (the built app, plain Node, no test runner around it), plus
// two bench-only routes in the same process: the bare Express floor and a CPU meter.
// Configured by the environment like `pnpm start`; prints its port on stdout when listening.
const { join } = require('node:path');

const dist = join(__dirname, '..', '..', '..', 'apps', 'api', 'dist');
const { createApiApp } = require(join(dist, 'main.js'));
const { loadApiEnv } = require(join(dist, 'config', 'env.js'));

(async () => {
  const app = await createApiApp(loadApiEnv(process.env));
  const http = app.getHttpAdapter();
  http.get('/bench/bare', (_req, res) => res.json({ ok: true }));
  http.get('/bench/cpu', (_req, res) => res.json(process.cpuUsage()));
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`${app.getHttpServer().address().port}\n`);
  process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
})().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
