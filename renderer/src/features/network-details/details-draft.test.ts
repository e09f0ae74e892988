/**
 * Details draft <-> NetworkDef, through the shared codec: what the form shows of a network,
 * and that applying it rewrites only what the form edits.
 */
import { describe, expect, it } from 'vitest';
import { formatNetworkXml } from '@shared/xml';
import { FULL, defOf } from '@/test/details-xml';
import type { DetailsDraft } from './details-draft';
import { applyDraftToDef, draftFromDef, newHostKey, sameDraft } from './details-draft';

const base = defOf(FULL);
const draft = draftFromDef('full', true, base);
const applied = (patch: (d: DetailsDraft) => Partial<DetailsDraft>) =>
  formatNetworkXml(applyDraftToDef(base, { ...draft, ...patch(draft) }));

describe('draftFromDef', () => {
  it('reads what the form shows from the XML', () => {
    expect(formatNetworkXml(base)).toBe(FULL);
    expect(draft).toMatchObject({
      network: 'full',
      autostart: true,
      domain: 'example.com',
      mtu: '',
      forwardMode: 'nat',
      forwardDev: 'eth0',
    });
    expect(draft.ipv4).toEqual({
      enabled: true,
      address: '192.168.122.1',
      prefix: '24',
      dhcp: true,
      dhcpStart: '192.168.122.100',
      dhcpEnd: '192.168.122.254',
      hosts: [
        { key: 'h0', mac: '00:16:3e:77:e2:ed', id: '', name: 'foo', ip: '192.168.122.10' },
        { key: 'h1', mac: '00:16:3e:3e:a9:1a', id: '', name: 'bar', ip: '192.168.122.11' },
      ],
    });
    expect(draft.ipv6).toMatchObject({
      enabled: true,
      address: '2001:db8:ca2:2::1',
      prefix: '64',
      dhcp: false,
    });
    expect(draft.ipv6.hosts[0]).toMatchObject({ id: '0:3:0:1:0:16:3e:11:22:33', name: 'ralph' });
  });

  it('calls a network without <forward> isolated and offers defaults for a missing family', () => {
    const d = draftFromDef(
      'lab',
      false,
      defOf("<network><name>lab</name><ip address='10.0.0.1' prefix='24'/></network>"),
    );
    expect(d.forwardMode).toBe('isolated');
    expect(d.ipv4).toMatchObject({ enabled: true, prefix: '24', dhcp: false, hosts: [] });
    expect(d.ipv6).toMatchObject({ enabled: false, address: '', prefix: '64' });
  });
});

describe('applyDraftToDef', () => {
  it('gives back the same XML when nothing changed', () => {
    expect(formatNetworkXml(applyDraftToDef(base, draft))).toBe(FULL);
  });

  it('changes the DHCP range and adds a host, keeping leases and every other part', () => {
    const out = applied((d) => ({
      ipv4: {
        ...d.ipv4,
        dhcpStart: '192.168.122.150',
        dhcpEnd: '192.168.122.200',
        hosts: [
          ...d.ipv4.hosts,
          {
            key: newHostKey(d.ipv4.hosts),
            mac: '52:54:00:AA:00:01',
            id: '',
            name: 'new',
            ip: '192.168.122.12',
          },
        ],
      },
    }));
    const expected = FULL.replace(
      "<range start='192.168.122.100' end='192.168.122.254'>",
      "<range start='192.168.122.150' end='192.168.122.200'>",
    ).replace(
      "        <lease expiry='0'/>\n      </host>\n",
      "        <lease expiry='0'/>\n      </host>\n      <host mac='52:54:00:aa:00:01' name='new' ip='192.168.122.12'/>\n",
    );
    expect(out).toBe(expected);
  });

  it('removes a host and keeps the lease of the one that stays', () => {
    const out = applied((d) => ({ ipv4: { ...d.ipv4, hosts: d.ipv4.hosts.slice(1) } }));
    expect(out).not.toContain("name='foo'");
    expect(out).toContain(
      "<host mac='00:16:3e:3e:a9:1a' name='bar' ip='192.168.122.11'>\n        <lease expiry='0'/>",
    );
  });

  it('writes a new prefix as a netmask when the network used one, and a new address', () => {
    const out = applied((d) => ({ ipv4: { ...d.ipv4, address: '192.168.122.129', prefix: '25' } }));
    expect(out).toContain("<ip address='192.168.122.129' netmask='255.255.255.128'>");
  });

  it('turns DHCP off by removing the ranges, keeping the static hosts', () => {
    const out = applied((d) => ({ ipv4: { ...d.ipv4, dhcp: false } }));
    expect(out).not.toContain('<range');
    expect(out).toContain("name='foo'");
    const noHosts = applied((d) => ({ ipv4: { ...d.ipv4, dhcp: false, hosts: [] } }));
    expect(noHosts).toContain("<ip address='192.168.122.1' netmask='255.255.255.0'>\n  </ip>");
  });

  it('removes and adds an address family', () => {
    expect(applied((d) => ({ ipv6: { ...d.ipv6, enabled: false } }))).not.toContain('2001:db8:ca2:2::1');
    const lab = defOf("<network><name>lab</name><ip address='10.0.0.1' prefix='24'/></network>");
    const d = draftFromDef('lab', false, lab);
    const out = formatNetworkXml(
      applyDraftToDef(lab, {
        ...d,
        ipv6: {
          ...d.ipv6,
          enabled: true,
          address: 'fd00:1::1',
          dhcp: true,
          dhcpStart: 'fd00:1::10',
          dhcpEnd: 'fd00:1::ff',
        },
      }),
    );
    expect(out).toContain("<ip family='ipv6' address='fd00:1::1' prefix='64'>");
    expect(out).toContain("<range start='fd00:1::10' end='fd00:1::ff'/>");
    expect(out.indexOf("address='10.0.0.1'")).toBeLessThan(out.indexOf('fd00:1::1'));
  });

  it('changes the forward mode and device; <nat> goes with NAT, <forward> with isolation', () => {
    const routed = applied(() => ({ forwardMode: 'route', forwardDev: 'eth1' }));
    expect(routed).toContain("<forward dev='eth1' mode='route'>\n    <interface dev='eth1'/>\n  </forward>");
    expect(routed).not.toContain('<nat');
    const anyDev = applied(() => ({ forwardDev: '' }));
    expect(anyDev).toContain("<forward mode='nat'>\n    <nat>");
    expect(applied(() => ({ forwardMode: 'isolated', forwardDev: '' }))).not.toContain('<forward');
  });

  it('sets and clears MTU and domain, keeping the domain’s other attributes', () => {
    const out = applied(() => ({ mtu: '9000', domain: 'lab.lan' }));
    expect(out).toContain("<mtu size='9000'/>");
    expect(out).toContain("<domain name='lab.lan' localOnly='yes'/>");
    expect(applied(() => ({ domain: '' }))).not.toContain('<domain');
  });
});

describe('sameDraft', () => {
  it('ignores row keys but not values', () => {
    const rekeyed = {
      ...draft,
      ipv4: { ...draft.ipv4, hosts: draft.ipv4.hosts.map((h, i) => ({ ...h, key: `n${i}` })) },
    };
    expect(sameDraft(draft, rekeyed)).toBe(true);
    expect(sameDraft(draft, { ...draft, mtu: '1400' })).toBe(false);
  });
});
