// A minimal SMTP sink for tests: accepts every message on 127.0.0.1 and keeps it.
import { createServer } from 'node:net';

export function startSmtpSink() {
  const messages = [];
  const waiters = [];
  const server = createServer((sock) => {
    let buf = '', inData = false, msg = null;
    const reply = (line) => sock.write(line + '\r\n');
    reply('220 sink ESMTP');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(msg);
            waiters.splice(0).forEach((w) => w());
            reply('250 queued');
          } else {
            msg.data += (line.startsWith('..') ? line.slice(1) : line) + '\n';
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 sink');
        else if (verb === 'MAIL') { msg = { from: line.replace(/^MAIL FROM:\s*/i, ''), to: [], data: '' }; reply('250 ok'); }
        else if (verb === 'RCPT') { msg.to.push(line.replace(/^RCPT TO:\s*/i, '')); reply('250 ok'); }
        else if (verb === 'DATA') { inData = true; reply('354 go on'); }
        else if (verb === 'QUIT') { reply('221 bye'); sock.end(); }
        else reply('250 ok');
      }
    });
    sock.on('error', () => {});
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => ok({
      port: server.address().port,
      messages,
      /** Resolves when at least n messages have arrived (or after ms). */
      waitFor(n, ms = 5000) {
        return new Promise((done) => {
          const check = () => (messages.length >= n ? done(messages) : waiters.push(check));
          setTimeout(() => done(messages), ms);
          check();
        });
      },
      close: () => new Promise((done) => server.close(() => done())),
    }));
  });
}
