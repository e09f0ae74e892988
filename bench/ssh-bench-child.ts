/**
 * The measuring side of bench/ssh.bench.ts, run where the connection starts (the remote
 * itself for its local socket, the desktop namespace for ssh): `CONNECTS` times connectUri +
 * one network.list, then `CALLS` network.list calls on one connection. Prints one JSON line.
 * Usage: node --import tsx bench/ssh-bench-child.ts URI CONNECTS CALLS
 */
import { connectUri } from '../electron/client/connect';

const [uri = '', connects = '10', calls = '200'] = process.argv.slice(2);
const connectMs: number[] = [];
for (let i = 0; i < Number(connects); i++) {
  const t = performance.now();
  const c = await connectUri(uri);
  await c.call('network.list', { filter: 'all' });
  connectMs.push(performance.now() - t);
  c.close();
  await c.whenStreamClosed();
}
const client = await connectUri(uri);
const callMs: number[] = [];
for (let i = 0; i < Number(calls); i++) {
  const t = performance.now();
  await client.call('network.list', { filter: 'all' });
  callMs.push(performance.now() - t);
}
client.close();
await client.whenStreamClosed();
console.log(JSON.stringify({ connectMs, callMs }));
