/**
 * vnm and Debian's real libvirt 9.0, side by side in one run (npm run bench:peer, as root):
 * bench/helper.bench.ts times vnmd in a namespace made for it, then ../shared/tools/
 * libvirt-peer.sh times libvirtd confined in its own namespaces, on the same machine a
 * minute apart, and one table compares the same operations. Prints figures; asserts nothing.
 * The tool is found beside the repo, or at VNM_LIBVIRT_PEER.
 *   tsx bench/peer.bench.ts [--runs N]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10;
const PEER = process.env.VNM_LIBVIRT_PEER ?? resolve(root, '../shared/tools/libvirt-peer.sh');

/** Runs a program, echoing its output as it comes, and resolves with its stdout. */
function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      process.stdout.write(c);
    });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done(out) : fail(new Error(`${cmd} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** bench:helper's lines, e.g. "one vnm per op  start     median 30.1 ms (…)" → ms. */
export function parseVnm(out: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const [, how, op, ms] of out.matchAll(
    /^(one connection|one vnm per op)\s+(\w+)\s+median ([\d.]+) ms/gm,
  ))
    m.set(`${how === 'one connection' ? 'api' : 'proc'}-${op}`, Number(ms));
  for (const [, n, what, s] of out.matchAll(
    /^(\d+) networks (define\+start|destroy), one at a time: ([\d.]+) s/gm,
  ))
    m.set(`bulk${n}-${what === 'destroy' ? 'destroy' : 'define-start'}`, Number(s) * 1000);
  return m;
}

/** libvirt-peer.sh's "op=NAME n=.. median_ms=X" lines → ms. */
export function parsePeer(out: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const [, op, ms] of out.matchAll(/^op=(\S+) n=\d+ median_ms=([\d.]+)/gm))
    if (op) m.set(op, Number(ms));
  return m;
}

const ROWS: [label: string, vnm: string, libvirt: string][] = [
  ['define, one connection', 'api-define', 'api-net-define'],
  ['start, one connection', 'api-start', 'api-net-start'],
  ['destroy, one connection', 'api-destroy', 'api-net-destroy'],
  ['undefine, one connection', 'api-undefine', 'api-net-undefine'],
  ['define, one CLI process per op', 'proc-define', 'net-define'],
  ['start, one CLI process per op', 'proc-start', 'net-start'],
  ['destroy, one CLI process per op', 'proc-destroy', 'net-destroy'],
  ['undefine, one CLI process per op', 'proc-undefine', 'net-undefine'],
  ['50 NAT networks define+start (CLI per op for libvirt)', 'bulk50-define-start', 'bulk50-define-start'],
  ['destroy all 50 (CLI per op for libvirt)', 'bulk50-destroy', 'bulk50-destroy'],
];

function table(vnm: Map<string, number>, libvirt: Map<string, number>): string {
  const fmt = (ms: number | undefined) =>
    ms === undefined ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
  const lines = ['| median | vnm | libvirt 9.0 | libvirt ÷ vnm |', '|---|---|---|---|'];
  for (const [label, v, l] of ROWS) {
    const a = vnm.get(v);
    const b = libvirt.get(l);
    const ratio = a && b ? `${(b / a).toFixed(1)}×` : 'n/a';
    lines.push(`| ${label} | ${fmt(a)} | ${fmt(b)} | ${ratio} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('run as root: both sides create network namespaces');
  if (!existsSync(PEER))
    throw new Error(`libvirt-peer.sh not found at ${PEER}; set VNM_LIBVIRT_PEER to its path`);
  console.log(`=== vnm (bench/helper.bench.ts ${RUNS}), load ${loadavg()[0]?.toFixed(2)}`);
  const vnm = parseVnm(
    await run(process.execPath, ['--import', 'tsx', 'bench/helper.bench.ts', String(RUNS)]),
  );
  console.log(`\n=== libvirt 9.0 (libvirt-peer.sh), load ${loadavg()[0]?.toFixed(2)}`);
  const peerArgs = ['--runs', String(RUNS), '--bulk', '50', '--bulk-runs', '1', '--no-lease', '--no-profile'];
  const libvirt = parsePeer(await run('bash', [PEER, ...peerArgs]));
  console.log(`\n${table(vnm, libvirt)}\n\nload average at the end: ${loadavg()[0]?.toFixed(2)}`);
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1]))
  main().catch((err: unknown) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
