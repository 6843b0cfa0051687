// The baseline: a bare nodemailer pool sending one fixed message N times to the sink.
// argv: port, count, pool size, message JSON file. Prints {"sent":n,"ms":t,"cpuMs":c}.
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';

const [port, count, pool, file] = process.argv.slice(2);
const message = JSON.parse(readFileSync(file, 'utf8'));
const transport = nodemailer.createTransport({ host: '127.0.0.1', port: Number(port), secure: false, pool: true, maxConnections: Number(pool), maxMessages: 1000 });
const cpu0 = process.cpuUsage();
const started = performance.now();
let sent = 0;
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    transport.sendMail({ ...message, to: `reader${i}@example.org`, messageId: `<bare.${i}@bench.example.org>` }).then(() => sent++),
  ),
);
const ms = performance.now() - started;
transport.close();
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ sent, ms, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
