/**
 * `node --import tsx ssh-connect-probe.ts URI [TIMEOUT_MS]`, run in a test's desktop namespace:
 * calls connectUri as the app would, then network.list, and prints one JSON line: what it got,
 * or the error's kind, reason and message, with how long it took.
 */
import { connectUri } from '../../electron/client/connect';
import { SshConnectError } from '../../electron/client/ssh-errors';

const [uri = '', timeout] = process.argv.slice(2);
const started = Date.now();
try {
  const client = await connectUri(uri, timeout ? { timeoutMs: Number(timeout) } : {});
  const networks = await client.call('network.list', { filter: 'all' });
  client.close();
  console.log(JSON.stringify({ ok: true, networks: networks.map((n) => n.name), ms: Date.now() - started }));
} catch (e) {
  const err = e as SshConnectError;
  const reason = e instanceof SshConnectError ? err.reason : null;
  console.log(
    JSON.stringify({ ok: false, kind: err.kind, reason, message: err.message, ms: Date.now() - started }),
  );
}
