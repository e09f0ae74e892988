/**
 * Hardening benchmark (npm run bench:hardening [-- KILL_RUNS] [--only memory|list|kill]):
 * the figures issue 20's acceptance asks for, each beside a floor measured in the same run.
 *  - vnmd's memory while unprivileged clients send 10,000 large requests on the read-only
 *    socket and never read an answer, from 50 and from 1,000 (the read-only cap)
 *    connections at a time, a dropped one replaced (floor: vnmd's RSS just before);
 *  - root's net-list (connect, call, close over the read-write socket) while 5,000
 *    unprivileged connections are tried on the read-only socket, with the default cap and
 *    with the cap lifted so all 5,000 stay open (floor: the same call with no flood);
 *  - KILL_RUNS (default 20) kill -9 runs during destroy and during start of three
 *    networks: how many networks came back fully running, fully stopped, or half.
 * The attacker runs as a user made here (setpriv) and removed at the end; vnmd and its
 * networks run in a network namespace made here and removed at the end. Figures only, no
 * assertions (the regression tests assert: vnmd-ro-flood, vnmd-kill-points).
 */
import { loadavg } from 'node:os';
import { connectVnmd } from '../electron/client/client';
import { killRuns } from '../test/helpers/kill-points';
import { createNetns, destroyAllNetns, type TestNetns } from '../test/helpers/netns';
import { bigNetworkXml, flood, memory, rootListMs, vnmdOpenToAll } from '../test/helpers/ro-attack';
import { createUnprivUser, type UnprivUser } from '../test/helpers/unpriv-user';
import { removeDirs, type Vnmd, type VnmdOptions } from '../test/helpers/vnmd';
import { median } from './figures';

const KILL_RUNS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 20);
/** `--only memory|list|kill` runs one part (for a quick look after a change). */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const part = (name: string) => ONLY === null || ONLY === name;
const LIST_SAMPLES = 20;

const show = (ms: readonly number[]) =>
  `median ${median(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms (n=${ms.length})`;

async function listTimes(v: Vnmd): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < LIST_SAMPLES; i++) times.push(await rootListMs(v));
  return times;
}

async function withVnmd<T>(ns: TestNetns, opts: VnmdOptions, fn: (v: Vnmd) => Promise<T>): Promise<T> {
  // The attacks come from one user: its per-user share is lifted so that the connections the
  // figures are about really stay open (the share would cut them back to an eighth).
  const env = { VNMD_MAX_CLIENTS_RO_PER_USER: '1000000', ...opts.env };
  const v = await vnmdOpenToAll(ns, { ...opts, env });
  try {
    return await fn(v);
  } finally {
    await v.kill();
    removeDirs(v.dirs);
  }
}

/** 10,000 large requests from `parallel` never-reading connections at a time. */
async function neverReading(ns: TestNetns, user: UnprivUser, parallel: number): Promise<void> {
  await withVnmd(ns, { env: { VNMD_CLIENT_DRAIN_TIMEOUT_MS: '3000' } }, async (v) => {
    const root = await connectVnmd(v.dirs.socket);
    await root.call('network.define', { xml: bigNetworkXml('big', 'vnmbig0') });
    root.close();
    await rootListMs(v); // warm: the first call loads code that is not the attack's doing
    const before = memory(v.pid);
    const f = flood(user, v.dirs.roSocket, 'noread', '10000', String(parallel));
    const r = await f.result;
    await rootListMs(v);
    const after = memory(v.pid);
    await f.end();
    console.log(
      `never-reading clients, 10,000 large requests, ${parallel} connection(s) at a time ` +
        `(${JSON.stringify(r)}): vnmd RSS ` +
        `${before.rss.toFixed(0)} MiB before (floor), peak ${after.peak.toFixed(0)} MiB, ` +
        `growth ${(after.peak - before.rss).toFixed(0)} MiB; RSS after ${after.rss.toFixed(0)} MiB`,
    );
  });
}

async function listUnderFlood(ns: TestNetns, user: UnprivUser, label: string, env: Record<string, string>) {
  await withVnmd(ns, { env }, async (v) => {
    await rootListMs(v);
    const idle = await listTimes(v);
    const f = flood(user, v.dirs.roSocket, 'open', '5000');
    const tally = await f.result;
    const busy = await listTimes(v);
    await f.end();
    console.log(
      `root net-list, ${label}: idle (floor) ${show(idle)}; with 5,000 unprivileged connections ` +
        `tried (${JSON.stringify({ kept: tally.kept, refused: tally.refused, failed: tally.failed })}) ${show(busy)}`,
    );
  });
}

async function killFigures(ns: TestNetns): Promise<void> {
  for (const op of ['destroy', 'start'] as const) {
    const t = await killRuns(ns, op, KILL_RUNS, () => undefined);
    console.log(
      `kill -9 during ${op} of 3 networks, ${KILL_RUNS} runs (kill after a random one of ${t.points} host ` +
        `changes): networks fully running ${t.running}, fully stopped ${t.stopped}, half ${t.half}; ` +
        `runs with leftovers after cleanup ${t.leftovers.length}`,
    );
    for (const h of t.halves) console.log(`  half: ${h}`);
  }
}

if (process.getuid?.() !== 0) {
  console.error(
    'bench:hardening must run as root: it creates a user and network namespaces; run it with sudo.',
  );
  process.exit(1);
}

let user: UnprivUser | null = null;
let failed = false;
// Ctrl-C or a kill: remove the namespaces and the user before going (exit hooks do not run).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`bench:hardening: ${signal}, cleaning up`);
    void destroyAllNetns()
      .then(() => user?.remove())
      .finally(() => process.exit(130));
  });
}
try {
  const ns = await createNetns('bhard');
  await ns.exec('sysctl', ['-q', '-w', 'net.ipv4.ip_forward=1']);
  user = await createUnprivUser('vnmbh');
  if (part('memory')) for (const parallel of [50, 1000]) await neverReading(ns, user, parallel);
  if (part('list')) {
    await listUnderFlood(ns, user, 'default read-only cap', {});
    await listUnderFlood(ns, user, 'read-only cap lifted to 6,000', { VNMD_MAX_CLIENTS_RO: '6000' });
  }
  if (part('kill')) await killFigures(ns);
} catch (e) {
  failed = true;
  console.error(`bench:hardening failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
} finally {
  await destroyAllNetns();
  await user?.remove();
}
console.log(`load average at the end: ${(loadavg()[0] ?? 0).toFixed(2)} (2 CPUs; other work inflates times)`);
process.exit(failed ? 1 : 0);
