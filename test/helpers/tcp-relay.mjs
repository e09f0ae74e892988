// A ProxyCommand for tests: `node tcp-relay.mjs HOST PORT` pipes stdin and stdout to a TCP
// connection. Run through `ip netns exec DESKTOP`, it lets an ssh started in the machine's own
// namespace (a test process, the app) reach a host that only a test's namespaces can reach.
import { connect } from 'node:net';

const socket = connect(Number(process.argv[3]), process.argv[2]);
process.stdin.pipe(socket);
socket.pipe(process.stdout);
socket.on('error', (e) => {
  process.stderr.write(`tcp-relay: ${e.message}\n`);
  process.exit(1);
});
socket.on('close', () => process.exit(0));
