/**
 * The CLI prints what virsh prints (issue 16): the side-by-side plan
 * (scripts/virsh-side-by-side/plan.ts) run through `vnm` against a real vnmd in a sandbox
 * host, each command's stdout, first stderr line and exit status compared with libvirt 9.0's,
 * recorded in libvirt-9.0.json by `npm run virsh:record`. Zero differences but the listed
 * ones (differences.ts, README), and every listed one must still occur.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { compareOutcomes, formatComparison } from '../../scripts/virsh-side-by-side/compare';
import { readFixture } from '../../scripts/virsh-side-by-side/fixture';
import { normalise, type Outcome } from '../../scripts/virsh-side-by-side/normalise';
import { argsIn, FILES, STEPS } from '../../scripts/virsh-side-by-side/plan';
import { createGuest, runUdhcpc } from '../helpers/guest';
import type { Sandbox } from '../helpers/sandbox';
import type { Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

let sb: Sandbox;
let vnmd: Vnmd;
const dir = mkdtempSync(join(tmpdir(), 'vnmt-sbs-'));

setUpVnmdSandbox(
  'sbs',
  (s) => {
    ({ sb, vnmd } = s);
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  },
  { client: false },
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves once the network's leases include `mac`: on vnmd's leases event, not a poll. */
async function leaseShows(client: VnmClient, network: string, mac: string): Promise<void> {
  const has = async () => (await client.call('network.leases', { network })).some((l) => l.mac === mac);
  const changed = new Promise<void>((resolve) => {
    client.onEvent((e) => {
      if (e.type === 'leases' && e.network === network) void has().then((yes) => yes && resolve());
    });
  });
  await client.call('events.subscribe', { types: ['leases'], networks: [network] });
  if (!(await has())) await changed;
}

async function runPlan(): Promise<Record<string, Outcome>> {
  const client = await vnmd.client();
  const outcomes: Record<string, Outcome> = {};
  for (const step of STEPS) {
    if ('guest' in step) {
      const guest = await createGuest(sb.host, step.guest.bridge, { mac: step.guest.mac });
      await runUdhcpc(guest.ns, { hostname: step.guest.hostname, tries: 10 });
    } else if ('waitLease' in step) {
      await leaseShows(client, step.waitLease.network, step.waitLease.mac);
    } else {
      const r = await vnmd.cli(argsIn(step, dir));
      outcomes[step.id] = normalise({ stdout: r.stdout, stderr: r.stderr, status: r.code ?? -1 }, dir);
    }
  }
  return outcomes;
}

describe('vnm beside virsh (libvirt 9.0)', () => {
  it('prints what virsh prints for every command of the plan, but the listed differences', async () => {
    const fixture = readFixture();
    const comparison = compareOutcomes(fixture.outcomes, await runPlan());
    console.log(formatComparison(comparison));
    expect(comparison.compared).toBeGreaterThanOrEqual(40);
    expect(comparison.missing).toEqual([]);
    expect(comparison.unexpected, formatComparison(comparison)).toEqual([]);
    expect(comparison.stale).toEqual([]);
  }, 300_000);
});
