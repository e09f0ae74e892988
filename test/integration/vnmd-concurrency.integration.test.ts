/**
 * Two clients start and destroy the same network 100 times at once (acceptance 9 of issue 3):
 * the per-network lock serialises them, every call either succeeds or says the network is
 * already in that state, and at the end the network is consistent and nothing leaked.
 */
import { describe, expect, it } from 'vitest';
import { VnmError } from '../../shared/rpc/errors';
import type { VnmClient } from '../../electron/client/client';
import type { Sandbox } from '../helpers/sandbox';
import { hostSnapshot, type Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

const XML = `<network>
  <name>race</name>
  <forward mode='nat'/>
  <ip address='10.66.0.1' prefix='24'><dhcp><range start='10.66.0.10' end='10.66.0.20'/></dhcp></ip>
</network>`;

let sb: Sandbox;
let vnmd: Vnmd;

setUpVnmdSandbox('race', (s) => ({ sb, vnmd } = s), { client: false });

async function hammer(
  c: VnmClient,
  rounds: number,
  startFirst: boolean,
): Promise<{ ok: number; refused: number }> {
  const tally = { ok: 0, refused: 0 };
  const attempt = async (p: Promise<unknown>) => {
    try {
      await p;
      tally.ok++;
    } catch (err) {
      // The only acceptable refusal: the other client got there first.
      if (
        !(err instanceof VnmError) ||
        err.kind !== 'conflict' ||
        !/already active|is not active/.test(err.message)
      ) {
        throw err;
      }
      tally.refused++;
    }
  };
  // A random pause before each call shuffles which client's call reaches the lock first.
  const jitter = () => new Promise((r) => setTimeout(r, Math.random() * 40));
  const start = () => jitter().then(() => attempt(c.call('network.start', { network: 'race' })));
  const destroy = () => jitter().then(() => attempt(c.call('network.destroy', { network: 'race' })));
  for (let i = 0; i < rounds; i++) {
    // One client starts first and the other destroys first, so their calls really collide.
    if (startFirst) await start().then(destroy);
    else await destroy().then(start);
  }
  return tally;
}

describe('two clients racing on one network', () => {
  it('serialise, stay consistent and leak nothing', { timeout: 600_000 }, async () => {
    const before = await hostSnapshot(sb.host);
    const a = await vnmd.client();
    const b = await vnmd.client();
    await a.call('network.define', { xml: XML });
    const [ta, tb] = await Promise.all([hammer(a, 100, true), hammer(b, 100, false)]);
    expect(ta.ok + ta.refused).toBe(200);
    expect(tb.ok + tb.refused).toBe(200);
    const info = await a.call('network.info', { network: 'race' });
    const mid = await hostSnapshot(sb.host);
    const hasBridge = mid.links.some((l) => l.startsWith(`${info.bridge} bridge`));
    const hasDnsmasq = mid.processes.some((p) => p.includes('dnsmasq'));
    expect({ hasBridge, hasDnsmasq }).toEqual({ hasBridge: info.active, hasDnsmasq: info.active });
    if (info.active) await a.call('network.destroy', { network: 'race' });
    await a.call('network.undefine', { network: 'race' });
    a.close();
    b.close();
    expect(await hostSnapshot(sb.host)).toEqual(before);
    console.log(
      `client a: ${ta.ok} done, ${ta.refused} refused; client b: ${tb.ok} done, ${tb.refused} refused`,
    );
  });
});
