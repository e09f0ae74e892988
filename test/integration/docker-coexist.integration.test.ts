/**
 * Coexistence with Docker (issue 13): under Docker's real chain layout (FORWARD policy drop,
 * DOCKER-USER first), a NAT guest reaches the wan and a routed guest is reachable from it,
 * because vnm puts tagged accepts in DOCKER-USER; with no DOCKER-USER, in FORWARD. After
 * destroy the chains are exactly as Docker left them. iptables-nft inside the test namespace.
 */
import { describe, expect, it } from 'vitest';
import { DOCKER_IPTABLES_RULES } from '../helpers/docker-chains';
import type { VnmClient } from '../../electron/client/client';
import { createGuest, runUdhcpc } from '../helpers/guest';
import { UPLINK, type Sandbox } from '../helpers/sandbox';
import { tcpProbe } from '../helpers/traffic';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

let sb: Sandbox;
let client: VnmClient;
let port = 7400;

const DOCKER = DOCKER_IPTABLES_RULES;

const xml = (name: string, mode: string, third: number) => `<network>
  <name>${name}</name><forward mode='${mode}'/>
  <bridge name='vnm${name}' stp='off'/>
  <ip address='10.42.${third}.1' prefix='24'><dhcp><range start='10.42.${third}.100' end='10.42.${third}.150'/></dhcp></ip>
</network>`;

setUpVnmdSandbox('dock', (s) => ({ sb, client } = s));

const iptablesS = async () => (await sb.host.exec('iptables', ['-S'])).stdout;

async function natAndRouted(third: number): Promise<void> {
  await client.call('network.create', { xml: xml(`n${third}`, 'nat', third) });
  await client.call('network.create', { xml: xml(`r${third}`, 'route', third + 1) });
  const nat = await createGuest(sb.host, `vnmn${third}`);
  await runUdhcpc(nat.ns);
  const routed = await createGuest(sb.host, `vnmr${third}`);
  const routedIp = (await runUdhcpc(routed.ns)).ip;
  await sb.routeFromWan(`10.42.${third + 1}.0/24`);
  expect((await tcpProbe(nat.ns, sb.wan, UPLINK.wanAddress, port++)).connected).toBe(true);
  expect((await tcpProbe(sb.wan, routed.ns, routedIp, port++)).connected).toBe(true);
  console.log((await sb.host.exec('iptables', ['-S', 'FORWARD'])).stdout);
  await client.call('network.destroy', { network: `n${third}` });
  await client.call('network.destroy', { network: `r${third}` });
  await Promise.all([nat.ns.destroy(), routed.ns.destroy()]);
}

describe("under Docker's chains", () => {
  it('NAT reaches the wan, routed is reachable; after destroy DOCKER-USER is as Docker left it', async () => {
    for (const rule of DOCKER) await sb.host.exec('iptables', rule.split(' '));
    const before = await iptablesS();
    await natAndRouted(1);
    expect(await iptablesS()).toBe(before);
  });

  it('without DOCKER-USER, through FORWARD (drop policy), the same', async () => {
    await sb.host.exec('sh', ['-c', 'nft delete table ip filter']);
    await sb.host.exec('iptables', ['-P', 'FORWARD', 'DROP']);
    const before = await iptablesS();
    await natAndRouted(3);
    expect(await iptablesS()).toBe(before);
    expect(before).not.toContain('vnm:');
  });
});
