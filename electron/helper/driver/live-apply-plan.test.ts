/**
 * The window's live Apply (shared/update/live-apply-plan.ts) against vnmd's own net-update:
 * the operations it plans, each parsed and applied by applyUpdate in order, turn the running
 * definition into exactly the one Apply saves, so nothing the person changed is left out.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import { planLiveApply } from '../../../shared/update/live-apply-plan';
import { formatNetworkXml, parseNetworkXml } from '../../../shared/xml';
import { applyUpdate } from './update';

const RUNNING = `<network>
  <name>lab</name>
  <forward mode='nat'/>
  <dns>
    <txt name='example' value='example value'/>
    <host ip='10.77.0.5'>
      <hostname>nas</hostname>
    </host>
  </dns>
  <ip address='10.77.0.1' prefix='24'>
    <dhcp>
      <range start='10.77.0.100' end='10.77.0.200'>
        <lease expiry='1' unit='hours'/>
      </range>
      <host mac='52:54:00:77:00:10' name='ubuntu' ip='10.77.0.10'/>
      <host mac='52:54:00:77:00:11' name='fedora' ip='10.77.0.11'>
        <lease expiry='0'/>
      </host>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd00:77::1' prefix='64'>
    <dhcp>
      <range start='fd00:77::100' end='fd00:77::1ff'/>
    </dhcp>
  </ip>
</network>
`;

function defOf(xml: string): NetworkDef {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.def;
}

const running = defOf(RUNNING);
const v4 = running.ips[0]!;
const v4dhcp = v4.dhcp!;
const withV4Dhcp = (dhcp: Partial<NonNullable<typeof v4.dhcp>>): NetworkDef => ({
  ...running,
  ips: [{ ...v4, dhcp: { ...v4dhcp, ...dhcp } }, running.ips[1]!],
});

const EDITS: Record<string, NetworkDef> = {
  'a host added': withV4Dhcp({ hosts: [...v4dhcp.hosts, { mac: '52:54:00:77:00:33', ip: '10.77.0.33' }] }),
  'a host removed': withV4Dhcp({ hosts: v4dhcp.hosts.slice(1) }),
  'a host renamed and readdressed': withV4Dhcp({
    hosts: [{ mac: '52:54:00:77:00:10', name: 'jammy', ip: '10.77.0.12' }, v4dhcp.hosts[1]!],
  }),
  'two hosts swap addresses': withV4Dhcp({
    hosts: [
      { ...v4dhcp.hosts[0]!, ip: '10.77.0.11' },
      { ...v4dhcp.hosts[1]!, ip: '10.77.0.10' },
    ],
  }),
  'a host deleted and added again with the same MAC at the end': withV4Dhcp({
    hosts: [v4dhcp.hosts[1]!, { mac: '52:54:00:77:00:10', name: 'reserved', ip: '10.77.0.250' }],
  }),
  'the range changed': withV4Dhcp({ ranges: [{ start: '10.77.0.120', end: '10.77.0.180' }] }),
  'a second range after the first': withV4Dhcp({
    ranges: [...v4dhcp.ranges, { start: '10.77.0.220', end: '10.77.0.230' }],
  }),
  'the IPv6 range changed': {
    ...running,
    ips: [
      v4,
      { ...running.ips[1]!, dhcp: { ranges: [{ start: 'fd00:77::200', end: 'fd00:77::2ff' }], hosts: [] } },
    ],
  },
  'DNS records changed': {
    ...running,
    dns: {
      ...running.dns!,
      txts: [{ name: 'other', value: 'x' }],
      hosts: [{ ip: '10.77.0.5', hostnames: ['nas', 'files'] }],
      srvs: [{ service: 'ldap', protocol: 'tcp', target: 'nas', port: 389 }],
    },
  },
};

describe('planLiveApply through vnmd’s net-update', () => {
  for (const [what, next] of Object.entries(EDITS)) {
    it(`${what}: the operations give the saved definition`, () => {
      const plan = planLiveApply(running, next);
      expect(plan.restartFor).toEqual([]);
      expect(plan.ops.length).toBeGreaterThan(0);
      const after = plan.ops.reduce((def, op) => applyUpdate(def, op).def, running);
      expect(formatNetworkXml(after)).toBe(formatNetworkXml(next));
    });
  }
});
