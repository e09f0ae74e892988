/**
 * The OVN sandbox a newcomer starts (`npm run demo -- --ovn`, issue 19: "one network spanning
 * hosts, live, in under 30 s"), npm run bench:ovn-demo: ROUNDS times each, a plain sandbox
 * until `default`'s guests hold leases (the floor), and an OVN sandbox until `span`'s four
 * guests on two hosts hold OVN leases; then, in the last OVN sandbox, what a window's second
 * of traffic costs across hosts: host-b's `ovn.localPorts` beside host-a's own `host.info`.
 * Prints figures; asserts nothing. Must run as root, after npm run build.
 * Usage: tsx bench/ovn-demo.bench.ts [ROUNDS]
 */
import { loadavg } from 'node:os';
import { connectVnmd } from '../electron/client/client';
import { DEMO_GUESTS } from '../electron/sandbox/demo-networks';
import { waitForLeases } from '../electron/sandbox/demo';
import { ovnMissing } from '../electron/sandbox/ovn-lab';
import { createSandbox } from '../electron/sandbox/sandbox';
import type { Sandbox } from '../electron/sandbox/sandbox';
import { beside, timed } from './figures';

const ROUNDS = Number(process.argv[2] ?? 3);

async function ready(ovn: boolean): Promise<{ ms: number; sandbox: Sandbox }> {
  const t0 = performance.now();
  const sandbox = await createSandbox({ ovn, reaper: false });
  const client = await sandbox.client();
  try {
    await waitForLeases(client, 'default', DEMO_GUESTS.default!.length, 60_000);
    if (ovn) await waitForLeases(client, 'span', DEMO_GUESTS.span!.length, 60_000);
  } finally {
    client.close();
  }
  return { ms: performance.now() - t0, sandbox };
}

async function perCall(sandbox: Sandbox): Promise<void> {
  const a = await sandbox.client();
  const b = await connectVnmd(sandbox.ovn!.connectUriB.slice('unix:'.length));
  try {
    const own: number[] = [];
    const peer: number[] = [];
    for (let i = 0; i < 50; i++) {
      own.push(await timed(() => a.call('host.info', {})));
      peer.push(await timed(() => b.call('ovn.localPorts', {})));
    }
    const ports = (await b.call('ovn.localPorts', {})).ports.length;
    beside(`host-b's ovn.localPorts (${ports} guests)`, peer, "host-a's host.info", own);
  } finally {
    a.close();
    b.close();
  }
}

async function main(): Promise<void> {
  const missing = ovnMissing();
  if (missing) {
    console.log(`bench:ovn-demo skipped: ${missing}`);
    return;
  }
  console.log(`OVN sandbox, ${ROUNDS} rounds each (load ${loadavg()[0]!.toFixed(1)})`);
  const plain: number[] = [];
  const ovn: number[] = [];
  let last: Sandbox | null = null;
  for (let i = 0; i < ROUNDS; i++) {
    const p = await ready(false);
    plain.push(p.ms);
    await p.sandbox.destroy();
    const o = await ready(true);
    ovn.push(o.ms);
    if (i < ROUNDS - 1) await o.sandbox.destroy();
    else last = o.sandbox;
  }
  beside('OVN sandbox, span: 4 guests on 2 hosts leased', ovn, 'plain sandbox, default leased', plain);
  try {
    await perCall(last!);
  } finally {
    await last?.destroy();
  }
}

await main();
