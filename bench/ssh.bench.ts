/**
 * vnm+ssh:// against the local socket (npm run bench:ssh), in one run on one remote: the
 * remote of test/helpers/ssh-remote.ts (its own network and mount namespaces, sshd, vnmd with
 * 5 networks defined), reached over a veth from a desktop namespace. Time to connect (connect
 * plus the first network.list), per-call latency of network.list on one connection, and a
 * whole `vnm net-list` process; the local socket is measured from inside the remote, the ssh
 * figures from the desktop. Prints figures; asserts nothing. Must run as root.
 * Usage: tsx bench/ssh.bench.ts [CALLS] [CONNECTS]
 */
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { destroyAllNetns } from '../test/helpers/netns';
import { capture, type Captured } from '../test/helpers/proc';
import { createSshRemote, type SshRemote } from '../test/helpers/ssh-remote';
import { cliBundle } from '../test/helpers/vnmd';
import { median, timed } from './figures';

const CALLS = Number(process.argv[2] ?? 200);
const CONNECTS = Number(process.argv[3] ?? 10);
const CLI_RUNS = 5;
const CHILD = resolve(import.meta.dirname, 'ssh-bench-child.ts');
const LOCAL = 'unix:/run/vnm/vnmd.sock';

interface Figures {
  readonly connectMs: number[];
  readonly callMs: number[];
}

function parse(r: Captured, what: string): Figures {
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Figures;
}

function p95(ms: readonly number[]): number {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

function row(what: string, local: readonly number[], ssh: readonly number[], pick = median): void {
  const [l, s] = [pick(local), pick(ssh)];
  const cell = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`.padStart(11);
  console.log(`${what.padEnd(42)} ${cell(l)} ${cell(s)} ${`${(s / l).toFixed(1)}x`.padStart(8)}`);
}

async function cliRuns(run: () => Promise<Captured>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    ms.push(
      await timed(async () => {
        const r = await run();
        if (r.code !== 0) throw new Error(`vnm net-list failed: ${r.stderr}`);
      }),
    );
  }
  return ms;
}

async function measure(r: SshRemote): Promise<void> {
  const uri = r.uri(r.users.member);
  for (let i = 0; i < 5; i++) {
    const file = join(r.dir, `bench${i}.xml`);
    writeFileSync(file, `<network><name>bench${i}</name><ip address='10.70.${i}.1' prefix='24'/></network>`);
    await r.desktopCli(['-c', uri, 'net-define', file]);
  }
  const child = [process.execPath, '--import', 'tsx', CHILD];
  const local = parse(
    await r.inRemote(child[0]!, [...child.slice(1), LOCAL, String(CONNECTS), String(CALLS)]),
    'local',
  );
  const ssh = parse(
    await capture('ip', ['netns', 'exec', r.desktop.name, ...child, uri, String(CONNECTS), String(CALLS)], {
      env: { VNM_SSH_CONFIG: r.desktopConfig },
      timeoutMs: 120_000,
    }),
    'ssh',
  );
  const cli = await cliBundle();
  const localCli = await cliRuns(() => r.inRemote(process.execPath, [cli, '-c', LOCAL, 'net-list', '--all']));
  const sshCli = await cliRuns(() => r.desktopCli(['-c', uri, 'net-list', '--all']));

  console.log(
    `\nvnm+ssh:// against the local socket (${CONNECTS} connects, ${CALLS} calls, 5 networks defined)`,
  );
  console.log(`${''.padEnd(42)} ${'local'.padStart(11)} ${'ssh'.padStart(11)} ${'ratio'.padStart(8)}`);
  row('connect + first network.list, median', local.connectMs, ssh.connectMs);
  row('connect + first network.list, max', local.connectMs, ssh.connectMs, (m) => Math.max(...m));
  row('network.list per call, median', local.callMs, ssh.callMs);
  row('network.list per call, p95', local.callMs, ssh.callMs, p95);
  const total = (m: readonly number[]) => m.reduce((a, b) => a + b, 0);
  row(`${CALLS} network.list calls, total`, [total(local.callMs)], [total(ssh.callMs)]);
  row(`vnm net-list --all process, median of ${CLI_RUNS}`, localCli, sshCli);
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

if (process.getuid?.() !== 0) {
  console.error(
    'npm run bench:ssh must run as root: it creates namespaces, users and sshd; run it with sudo.',
  );
  process.exit(1);
}
const remote = await createSshRemote('sshb');
try {
  await measure(remote);
} finally {
  await remote.destroy();
  await destroyAllNetns();
}
