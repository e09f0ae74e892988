// Known TCP traffic between test namespaces, for the stats integration test.
//   node stats-traffic.mjs serve PORT               -> prints {"listening":true}, then per connection
//                                                      {"received":BYTES} after the sender closes
//   node stats-traffic.mjs send HOST PORT BYTES RATE -> sends BYTES at RATE bytes/s (paced, so the
//                                                      sampler sees a steady rate), prints
//                                                      {"sent":BYTES,"start":ms,"end":ms}
import net from 'node:net';

const [mode, ...args] = process.argv.slice(2);

if (mode === 'serve') {
  const server = net.createServer((sock) => {
    let received = 0;
    sock.on('data', (d) => (received += d.length));
    sock.on('end', () => {
      process.stdout.write(JSON.stringify({ received }) + '\n');
      sock.end();
    });
  });
  server.listen(Number(args[0]), '0.0.0.0', () => process.stdout.write('{"listening":true}\n'));
} else if (mode === 'send') {
  const [host, port, bytes, rate] = [args[0], Number(args[1]), Number(args[2]), Number(args[3])];
  const chunk = Buffer.alloc(16 * 1024, 0x5a);
  const sock = net.connect(port, host, () => {
    const start = Date.now();
    let sent = 0;
    // Write whatever the schedule allows every 5 ms: the error over any 1 s stays under a chunk.
    const pace = setInterval(() => {
      const due = Math.min(bytes, ((Date.now() - start) / 1000) * rate);
      while (sent + chunk.length <= due || (due === bytes && sent < bytes)) {
        const n = Math.min(chunk.length, bytes - sent);
        sock.write(n === chunk.length ? chunk : chunk.subarray(0, n));
        sent += n;
      }
      if (sent >= bytes) {
        clearInterval(pace);
        sock.end();
      }
    }, 5);
    sock.on('close', () => process.stdout.write(JSON.stringify({ sent, start, end: Date.now() }) + '\n'));
  });
  sock.on('error', (err) => {
    process.stderr.write(`send failed: ${err.message}\n`);
    process.exit(1);
  });
} else {
  process.stderr.write('usage: stats-traffic.mjs serve PORT | send HOST PORT BYTES RATE\n');
  process.exit(2);
}
