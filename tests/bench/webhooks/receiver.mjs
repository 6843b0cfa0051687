#!/usr/bin/env node
// The bench's webhook receiver, in its own process so that its clock reading is not delayed by
// the worker's event loop. Answers 200 at once and notes when each message arrived
// (`performance.timeOrigin + performance.now()`: wall-clock ms, comparable across processes),
// keyed by `webhook-id` or, for the bare loop, `x-bench-id`. GET /arrivals returns them and
// forgets them; GET /clock gives this process's clock (process clocks differ by milliseconds,
// so the bench measures the offset). Prints its port on stdout.
import { createServer } from 'node:http';

let arrivals = {};
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/clock') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(String(performance.timeOrigin + performance.now()));
    return;
  }
  if (req.method === 'GET' && req.url === '/arrivals') {
    const body = JSON.stringify(arrivals);
    arrivals = {};
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  const id = req.headers['webhook-id'] ?? req.headers['x-bench-id'];
  req.resume();
  req.on('end', () => {
    // the moment the 2xx goes out: the whole request has been read
    if (id) (arrivals[id] ??= []).push(performance.timeOrigin + performance.now());
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
