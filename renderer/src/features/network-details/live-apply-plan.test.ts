/**
 * planLiveApply (shared/update) as a table: a Details edit of the FULL network
 * (renderer/src/test/details-xml.ts) in, the net-update operations and the restart reasons out.
 * That the operations, run through vnmd's own net-update, give the saved definition is
 * checked in electron/helper/driver/live-apply-plan.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { FULL, defOf } from '@/test/details-xml';
import type { DetailsDraft, IpDraft } from './details-draft';
import { applyDraftToDef, draftFromDef } from './details-draft';
import { planLiveApply } from '@shared/update/live-apply-plan';

const running = defOf(FULL);
const draft = draftFromDef('full', true, running);
const v4 = (patch: Partial<IpDraft>): Partial<DetailsDraft> => ({ ipv4: { ...draft.ipv4, ...patch } });
const printer = { key: 'n0', mac: '52:54:00:00:00:33', id: '', name: 'printer', ip: '192.168.122.33' };

interface Row {
  readonly what: string;
  readonly edit: Partial<DetailsDraft>;
  readonly ops: readonly string[];
  readonly restartFor: readonly string[];
}

const ROWS: readonly Row[] = [
  { what: 'nothing changed', edit: {}, ops: [], restartFor: [] },
  {
    what: 'a static host added',
    edit: v4({ hosts: [...draft.ipv4.hosts, printer] }),
    ops: [`add-last ip-dhcp-host 0 <host mac='52:54:00:00:00:33' name='printer' ip='192.168.122.33'/>`],
    restartFor: [],
  },
  {
    what: 'the last static host removed',
    edit: v4({ hosts: draft.ipv4.hosts.slice(0, 1) }),
    ops: [
      `delete ip-dhcp-host 0 <host mac='00:16:3e:3e:a9:1a' name='bar' ip='192.168.122.11'>\n  <lease expiry='0'/>\n</host>`,
    ],
    restartFor: [],
  },
  {
    what: 'the first static host removed (the rest re-added, so the order stays)',
    edit: v4({ hosts: draft.ipv4.hosts.slice(1) }),
    ops: [
      `delete ip-dhcp-host 0 <host mac='00:16:3e:77:e2:ed' name='foo' ip='192.168.122.10'/>`,
      `delete ip-dhcp-host 0 <host mac='00:16:3e:3e:a9:1a' name='bar' ip='192.168.122.11'>\n  <lease expiry='0'/>\n</host>`,
      `add-last ip-dhcp-host 0 <host mac='00:16:3e:3e:a9:1a' name='bar' ip='192.168.122.11'>\n  <lease expiry='0'/>\n</host>`,
    ],
    restartFor: [],
  },
  {
    what: 'a static host’s address changed (its lease kept)',
    edit: v4({ hosts: [draft.ipv4.hosts[0]!, { ...draft.ipv4.hosts[1]!, ip: '192.168.122.12' }] }),
    ops: [
      [
        `modify ip-dhcp-host 0 <host mac='00:16:3e:3e:a9:1a' name='bar' ip='192.168.122.12'>`,
        `  <lease expiry='0'/>`,
        `</host>`,
      ].join('\n'),
    ],
    restartFor: [],
  },
  {
    what: 'the DHCP range changed (deleted, then added first with its lease time)',
    edit: v4({ dhcpStart: '192.168.122.120', dhcpEnd: '192.168.122.180' }),
    ops: [
      `delete ip-dhcp-range 0 <range start='192.168.122.100' end='192.168.122.254'>\n  <lease expiry='1' unit='hours'/>\n</range>`,
      `add-first ip-dhcp-range 0 <range start='192.168.122.120' end='192.168.122.180'>\n  <lease expiry='1' unit='hours'/>\n</range>`,
    ],
    restartFor: [],
  },
  {
    what: 'an IPv6 host removed (parent index of the second <ip>)',
    edit: { ipv6: { ...draft.ipv6, hosts: [] } },
    ops: [
      `delete ip-dhcp-host 1 <host id='0:3:0:1:0:16:3e:11:22:33' name='ralph' ip='2001:db8:ca2:2:3::3'/>`,
    ],
    restartFor: [],
  },
  { what: 'the address', edit: v4({ address: '192.168.122.2' }), ops: [], restartFor: ['the addresses'] },
  { what: 'the prefix', edit: v4({ prefix: '23' }), ops: [], restartFor: ['the addresses'] },
  { what: 'the MTU', edit: { mtu: '9000' }, ops: [], restartFor: ['the MTU'] },
  { what: 'the domain', edit: { domain: 'lan' }, ops: [], restartFor: ['the domain'] },
  { what: 'the forward mode', edit: { forwardMode: 'route' }, ops: [], restartFor: ['the forwarding'] },
  { what: 'the forward device', edit: { forwardDev: '' }, ops: [], restartFor: ['the forwarding'] },
  {
    what: 'IPv6 turned off',
    edit: { ipv6: { ...draft.ipv6, enabled: false } },
    ops: [],
    restartFor: ['the addresses'],
  },
  {
    what: 'a live change and a restart one together',
    edit: { ...v4({ hosts: [...draft.ipv4.hosts, printer] }), mtu: '1400' },
    ops: [`add-last ip-dhcp-host 0 <host mac='52:54:00:00:00:33' name='printer' ip='192.168.122.33'/>`],
    restartFor: ['the MTU'],
  },
  { what: 'On Boot only (not in the XML)', edit: { autostart: false }, ops: [], restartFor: [] },
];

const shown = (op: { command: string; section: string; parentIndex: number; xml: string }) =>
  `${op.command} ${op.section} ${op.parentIndex} ${op.xml}`;

describe('planLiveApply', () => {
  for (const row of ROWS) {
    it(row.what, () => {
      const next = applyDraftToDef(running, { ...draft, ...row.edit });
      const plan = planLiveApply(running, next);
      expect(plan.ops.map(shown)).toEqual(row.ops);
      expect(plan.restartFor).toEqual(row.restartFor);
    });
  }

  it('turns DNS hosts, TXT and SRV records into operations too', () => {
    const dns = running.dns!;
    const next = {
      ...running,
      dns: {
        ...dns,
        txts: [],
        hosts: [{ ip: '192.168.122.5', hostnames: ['nas', 'files'] }],
        srvs: [{ service: 'ldap', protocol: 'tcp', target: 'nas', port: 389 }],
      },
    };
    const plan = planLiveApply(running, next);
    expect(plan.restartFor).toEqual([]);
    expect(plan.ops.map(shown)).toEqual([
      `add-last dns-host -1 <host ip='192.168.122.5'>\n  <hostname>nas</hostname>\n  <hostname>files</hostname>\n</host>`,
      `delete dns-txt -1 <txt name='example' value='example value'/>`,
      `add-last dns-srv -1 <srv service='ldap' protocol='tcp' target='nas' port='389'/>`,
    ]);
  });

  it('names other changes that need a restart', () => {
    const plan = planLiveApply(running, { ...running, routes: [] });
    expect(plan.restartFor).toEqual(['other settings']);
  });

  it('says in words what each operation does', () => {
    const next = applyDraftToDef(running, {
      ...draft,
      ...v4({ dhcpStart: '192.168.122.120', hosts: [...draft.ipv4.hosts, printer] }),
    });
    expect(planLiveApply(running, next).ops.map((o) => o.label)).toEqual([
      'add static host printer 52:54:00:00:00:33 192.168.122.33',
      'remove DHCP range 192.168.122.100–192.168.122.254',
      'set DHCP range 192.168.122.120–192.168.122.254',
    ]);
  });
});
