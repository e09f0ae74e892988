// npm run bench: every benchmark, one after the other, output streamed as it comes (~27 min):
// bench:peer (vnmd's lifecycle latency, 50 networks and RSS, then libvirt 9.0's on the same
// machine, side by side; bench:helper alone when libvirt-peer.sh is not beside the repo),
// bench:stats for 30 s (sampler CPU and RSS with 100 networks of 2 ports), bench:forward
// (adding a port forward to a running network, starting one with 100), bench:diagnose
// (vnm net-diagnose on a healthy network beside vnm net-info as the floor), bench:hardening
// (issue 20's figures: vnmd's memory under never-reading clients, root's net-list under 5,000
// unprivileged connections, 20 kill -9 runs during destroy and start), bench:ssh (connect
// and per-call latency over vnm+ssh:// beside the local socket), bench:ovn-demo (the OVN sandbox ready, and a peer's ovn.localPorts), bench:ovn (an OVN network
// across two simulated hosts: define+start, first lease, control-plane memory), and bench:ui
// (list paint with 200 networks, longest task and renderer memory over 10 min). Figures only,
// no assertions. All create network namespaces (and remove them), so this must run as root.
// Ends with where the figures came from.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, hostname, loadavg, release } from 'node:os';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const peer = process.env.VNM_LIBVIRT_PEER ?? resolve(root, '../shared/tools/libvirt-peer.sh');
const STEPS = [
  existsSync(peer) ? ['run', 'bench:peer'] : ['run', 'bench:helper'],
  ['run', 'bench:stats', '--', '--seconds', '30'],
  ['run', 'bench:forward'],
  ['run', 'bench:diagnose'],
  ['run', 'bench:hardening'],
  ['run', 'bench:growth'],
  ['run', 'bench:ssh'],
  ['run', 'bench:ovn'],
  ['run', 'bench:ovn-demo'],
  ['run', 'bench:ui'],
];

if (process.getuid?.() !== 0) {
  console.error(
    'npm run bench must run as root: its benchmarks create network namespaces, bridges, nft tables ' +
      'and dnsmasq inside them; run it again with sudo (sudo npm run bench).',
  );
  process.exit(1);
}

// Ctrl-C reaches the benchmark too (same process group); it removes its namespaces and exits,
// and we must outlive it rather than leave it half-cleaned, then run nothing more.
let interrupted = false;
process.on('SIGINT', () => (interrupted = true));

function run(args) {
  console.log(`\n=== npm ${args.join(' ')}`);
  return new Promise((done) => {
    const child = spawn('npm', args, { cwd: root, stdio: 'inherit' });
    child.on('error', (err) => {
      console.error(`bench: could not run npm ${args.join(' ')}: ${err.message}`);
      done(1);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const failed = [];
for (const args of STEPS) {
  if (interrupted) break;
  const code = await run(args);
  if (code !== 0) failed.push(`npm ${args.join(' ')} (exit ${code})`);
}

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const machine = `${hostname()} (${cpu}, ${cpus().length} CPUs, Linux ${release()}, node ${process.version})`;
console.log(
  `\nFigures above: measured ${new Date().toISOString()} on ${machine}, load average now ` +
    `${loadavg()[0].toFixed(2)} (other work on the machine inflates times). bench/helper.bench.ts drove a ` +
    'real vnmd (bridges, nft, dnsmasq) in a network namespace made for it (and libvirt-peer.sh a confined ' +
    'libvirtd, when present); bench/stats.bench.ts ran ' +
    "vnmd's StatsSampler for 30 s over 100 real bridges of 2 veth ports each in namespaces made for it, " +
    'with leases handed to it (no dnsmasq there); bench/forward.bench.ts drove a real vnmd adding port ' +
    'forwards and starting NAT networks with 100 of them, in a namespace made for it; ' +
    'bench/diagnose.bench.ts timed vnm net-diagnose against ' +
    'vnm net-info on one healthy NAT network in a sandbox host; bench/hardening.bench.ts attacked a real vnmd ' +
    'in a namespace made for it from a user made for it (setpriv), and killed it during destroy and start; ' +
    'bench/ui.bench.ts drove the browser shell in Chromium ' +
    'against vnmd in a sandbox host.',
);
if (interrupted) console.log('bench: interrupted with Ctrl-C; the figures above are partial.');
if (failed.length > 0) {
  console.error(`bench: these failed, so their figures are missing or partial: ${failed.join('; ')}`);
  process.exit(1);
}
if (interrupted) process.exit(130);
