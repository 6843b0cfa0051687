// A discard SMTP server in its own process: accepts every message, keeps nothing, counts.
// The parent asks for the count over IPC ({ type: 'count' } → { count, bytes }).
import { SMTPServer } from 'smtp-server';

let count = 0;
let bytes = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  closeTimeout: 100,
  onData(stream, _session, cb) {
    stream.on('data', (chunk) => (bytes += chunk.length));
    stream.on('end', () => {
      count++;
      cb();
    });
  },
});
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.server.address().port }));
process.on('message', (m) => {
  if (m.type === 'count') process.send({ type: 'count', count, bytes });
  if (m.type === 'stop') server.close(() => process.exit(0));
});
