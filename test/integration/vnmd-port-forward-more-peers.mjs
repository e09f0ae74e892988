// Servers and clients for the port forward integration tests, run inside test namespaces
// (`node vnmd-port-forward-more-peers.mjs MODE ...`). Each server answers with the source
// address it saw, so a test learns whether the forward kept the client's own address.
//   serve-who PORT[,PORT...] [6]  TCP: per connection writes "PORT FROM\n" and closes
//   serve-udp PORT [6]            UDP: answers each datagram with "PORT FROM"
//   serve-stream PORT             TCP: per connection writes "N\n" every 50 ms (N = 1, 2, ...)
//   ask-tcp HOST PORT             prints what the server wrote; exit 1 if refused or silent (2 s)
//   ask-udp HOST PORT             sends until answered (up to 2 s), prints the answer; exit 1 if none
//   follow HOST PORT              prints each line as it comes; on a reset or error prints
//                                 "error CODE" to stderr and exits 1
// Servers print "listening" on stdout once they listen, so a test can await that.
import dgram from 'node:dgram';
import net from 'node:net';

const [mode, ...args] = process.argv.slice(2);
const fail = (why) => {
  process.stderr.write(`${why}\n`);
  process.exit(1);
};
const unmapped = (a) => a.replace(/^::ffff:/, '');

if (mode === 'serve-who') {
  const ports = args[0].split(',').map(Number);
  const host = args[1] === '6' ? '::' : '0.0.0.0';
  let pending = ports.length;
  for (const port of ports) {
    const server = net.createServer((sock) => sock.end(`${port} ${unmapped(sock.remoteAddress)}\n`));
    server.listen({ port, host, ipv6Only: host === '::' }, () => {
      if (--pending === 0) process.stdout.write('listening\n');
    });
  }
} else if (mode === 'serve-udp') {
  const port = Number(args[0]);
  const sock = dgram.createSocket(args[1] === '6' ? { type: 'udp6', ipv6Only: true } : 'udp4');
  sock.on('message', (_msg, from) => sock.send(`${port} ${unmapped(from.address)}`, from.port, from.address));
  sock.bind(port, () => process.stdout.write('listening\n'));
} else if (mode === 'serve-stream') {
  const server = net.createServer((sock) => {
    let n = 0;
    const timer = setInterval(() => sock.write(`${++n}\n`), 50);
    sock.on('close', () => clearInterval(timer));
    sock.on('error', () => clearInterval(timer));
  });
  server.listen(Number(args[0]), '0.0.0.0', () => process.stdout.write('listening\n'));
} else if (mode === 'ask-tcp') {
  const sock = net.connect({ host: args[0], port: Number(args[1]) });
  let got = '';
  sock.setTimeout(2_000, () => fail('timeout'));
  sock.on('data', (d) => (got += d));
  sock.on('end', () => {
    process.stdout.write(got);
    process.exit(got ? 0 : 1);
  });
  sock.on('error', (e) => fail(`error ${e.code}`));
} else if (mode === 'ask-udp') {
  const [host, port] = [args[0], Number(args[1])];
  const sock = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  sock.on('message', (msg) => {
    process.stdout.write(`${msg}\n`);
    process.exit(0);
  });
  sock.on('error', (e) => fail(`error ${e.code}`));
  // UDP has no handshake: a lost first datagram (neighbour discovery) is sent again.
  const ask = () => sock.send('who', port, host);
  ask();
  const again = setInterval(ask, 200);
  setTimeout(() => {
    clearInterval(again);
    fail('no answer');
  }, 2_000);
} else if (mode === 'follow') {
  const sock = net.connect({ host: args[0], port: Number(args[1]) });
  sock.pipe(process.stdout);
  sock.on('error', (e) => fail(`error ${e.code}`));
  sock.on('end', () => fail('error END'));
} else {
  fail('usage: vnmd-port-forward-more-peers.mjs serve-who|serve-udp|serve-stream|ask-tcp|ask-udp|follow ...');
}
