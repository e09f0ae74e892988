/**
 * Runs a StatsSampler the way vnmd does (inside `ip netns exec`, so /proc/net/dev and /sys are
 * that namespace's) and prints every sample as one JSON line, the `vnm net-stats --json` shape.
 * argv[2]: JSON `{ intervalSec, networks: [{ name, bridge, leases: [{ mac, ip, hostname }] }] }`.
 * stdin: `history SECONDS` prints `{"history": [...]}`; EOF stops it.
 */
import { createInterface } from 'node:readline';
import type { StatsLease } from '../../electron/helper/stats/inputs';
import { StatsSampler } from '../../electron/helper/stats/sampler';

interface ChildConfig {
  intervalSec: number;
  networks: { name: string; bridge: string; leases: StatsLease[] }[];
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const networks = config.networks.map((n) => ({ name: n.name, bridge: n.bridge, leases: () => n.leases }));
const sampler = new StatsSampler({
  listNetworks: () => networks,
  onSample: (samples) => {
    for (const s of samples) process.stdout.write(JSON.stringify(s) + '\n');
  },
  onError: (err) => process.stdout.write(JSON.stringify({ error: String(err) }) + '\n'),
  intervalSec: config.intervalSec,
});
sampler.start();
process.stdout.write(JSON.stringify({ ready: true }) + '\n');

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [cmd, arg] = line.trim().split(/\s+/);
  if (cmd === 'history') {
    const history = config.networks.map((n) => sampler.history(n.name, Number(arg)));
    process.stdout.write(JSON.stringify({ history }) + '\n');
  }
});
lines.on('close', () => {
  sampler.stop();
  process.exit(0);
});
