/**
 * Issue #20 items 2, 8, 10 and 12 against the real vnmd and dnsmasq in a sandbox:
 * - no value given at define or at net-update adds an option to dnsmasq's files (the
 *   reproduction: dhcp-script= running a script on the next lease);
 * - a definition with tabs and newlines in attributes is the same after a vnmd restart;
 * - names with ' #', '"', ',' and blanks start and stop cleanly and leave no file behind;
 *   blank names are refused;
 * - the CLI reads ISO-8859-1 and UTF-16 files and refuses other encodings clearly.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import type { z } from 'zod';
import type { UpdateSection } from '../../shared/rpc/contract';
import { VnmError } from '../../shared/rpc/errors';
import { createGuest, runUdhcpc } from '../helpers/guest';
import type { Sandbox } from '../helpers/sandbox';
import { startVnmd, type Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

let sb: Sandbox;
let vnmd: Vnmd;
let client: VnmClient;
let marker: string;
let script: string;

const net = (name: string, bridge: string, octet: number, inner = '', ipInner = '') =>
  `<network><name>${name}</name><forward mode='nat'/><bridge name='${bridge}'/>${inner}` +
  `<ip address='10.63.${octet}.1' prefix='24'><dhcp><range start='10.63.${octet}.10' end='10.63.${octet}.50'/>` +
  `${ipInner}</dhcp></ip></network>`;

async function refusal(p: Promise<unknown>): Promise<VnmError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VnmError);
  return err as VnmError;
}

const dnsmasqFiles = () => readdirSync(join(vnmd.dirs.stateDir, 'dnsmasq'));
const runFiles = () => readdirSync(join(vnmd.dirs.runtimeDir, 'dnsmasq'));

setUpVnmdSandbox('hdq', (s) => {
  ({ sb, vnmd, client } = s);
  marker = join(vnmd.dirs.base, 'pwned');
  script = join(vnmd.dirs.base, 'pwn.sh');
  writeFileSync(script, `#!/bin/sh\nid > ${marker}\n`);
  chmodSync(script, 0o755);
});

describe('dnsmasq configuration injection (#20 item 2)', () => {
  const inject = () => `x&#10;dhcp-script=${script}`;
  const DEFINES: [string, () => string][] = [
    ['domain name', () => net('inj1', 'vnmhq1', 1, `<domain name='${inject()}'/>`)],
    ['txt value', () => net('inj1', 'vnmhq1', 1, `<dns><txt name='t' value='${inject()}'/></dns>`)],
    ['txt name', () => net('inj1', 'vnmhq1', 1, `<dns><txt name='${inject()}' value='v'/></dns>`)],
    [
      'srv target',
      () => net('inj1', 'vnmhq1', 1, `<dns><srv service='s' protocol='tcp' target='${inject()}'/></dns>`),
    ],
    ['forwarder domain', () => net('inj1', 'vnmhq1', 1, `<dns><forwarder domain='${inject()}'/></dns>`)],
    [
      'dns hostname',
      () =>
        net('inj1', 'vnmhq1', 1, `<dns><host ip='10.63.1.9'><hostname>${inject()}</hostname></host></dns>`),
    ],
    [
      'dhcp host name',
      () => net('inj1', 'vnmhq1', 1, '', `<host mac='52:54:00:00:00:09' name='${inject()}' ip='10.63.1.9'/>`),
    ],
    ['bootp file', () => net('inj1', 'vnmhq1', 1, '', `<bootp file='${inject()}'/>`)],
    [
      'srv domain',
      () => net('inj1', 'vnmhq1', 1, `<dns><srv service='s' protocol='tcp' domain='${inject()}'/></dns>`),
    ],
    [
      'tftp root',
      () =>
        `<network><name>inj1</name><forward mode='nat'/><bridge name='vnmhq1'/>` +
        `<ip address='10.63.1.1' prefix='24'><tftp root='${inject()}'/></ip></network>`,
    ],
    [
      'txt value over 1 KiB',
      () =>
        net(
          'inj1',
          'vnmhq1',
          1,
          `<dns><txt name='t' value='${'x'.repeat(1100)}dhcp-script=${script}'/></dns>`,
        ),
    ],
    ['txt value with " #', () => net('inj1', 'vnmhq1', 1, `<dns><txt name='t' value='a #b'/></dns>`)],
  ];

  it.each(DEFINES)('define refuses a hostile %s', async (_what, xml) => {
    const err = await refusal(client.call('network.define', { xml: xml() }));
    expect(err.kind).toBe('invalid-argument');
    expect(existsSync(join(vnmd.dirs.configDir, 'inj1.xml'))).toBe(false);
  });

  it('net-update refuses it too, and no lease ever runs an injected dhcp-script', async () => {
    await client.call('network.define', { xml: net('inj2', 'vnmhq2', 2) });
    await client.call('network.start', { network: 'inj2' });
    const updates: [z.infer<typeof UpdateSection>, string][] = [
      ['dns-txt', `<txt name='t' value='${inject()}'/>`],
      ['dns-srv', `<srv service='s' protocol='tcp' target='${inject()}' port='1'/>`],
      ['dns-host', `<host ip='10.63.2.9'><hostname>${inject()}</hostname></host>`],
      ['ip-dhcp-host', `<host mac='52:54:00:00:00:09' name='${inject()}' ip='10.63.2.9'/>`],
      ['dns-txt', `<txt name='t' value='v"w'/>`],
    ];
    for (const [section, xml] of updates) {
      const err = await refusal(
        client.call('network.update', {
          network: 'inj2',
          command: 'add',
          section,
          xml,
          live: true,
          config: true,
        }),
      );
      expect(err.kind).toBe('invalid-argument');
    }
    const conf = readFileSync(join(vnmd.dirs.stateDir, 'dnsmasq', 'inj2.conf'), 'utf8');
    expect(conf).not.toContain('dhcp-script');
    expect(readFileSync(join(vnmd.dirs.configDir, 'inj2.xml'), 'utf8')).not.toContain('dhcp-script');
    const info = await client.call('network.info', { network: 'inj2' });
    expect(info).toMatchObject({ active: true, problem: null });
    // A lease is what makes dnsmasq run a dhcp-script: take one, then look for the marker.
    const guest = await createGuest(sb.host, 'vnmhq2');
    const lease = await runUdhcpc(guest.ns, { tries: 10 });
    expect(lease.ip).toMatch(/^10\.63\.2\./);
    const leases = await client.call('network.leases', { network: 'inj2' });
    expect(leases.map((l) => l.ip)).toContain(lease.ip);
    expect(existsSync(marker)).toBe(false);
    await guest.ns.destroy();
    await client.call('network.destroy', { network: 'inj2' });
    await client.call('network.undefine', { network: 'inj2' });
  });
});

describe('definitions survive a vnmd restart unchanged (#20 item 8)', () => {
  it('keeps tabs and newlines of attribute values', async () => {
    const xml = net('keep8', 'vnmhq3', 3).replace('</network>', "<portgroup name='a&#9;b&#10;c'/></network>");
    await client.call('network.define', { xml });
    const before = (await client.call('network.getXml', { network: 'keep8', inactive: true })).xml;
    expect(before).toContain("<portgroup name='a&#9;b&#10;c'>");
    client.close();
    await vnmd.stop();
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs });
    client = await vnmd.client();
    const after = (await client.call('network.getXml', { network: 'keep8', inactive: true })).xml;
    expect(after).toBe(before);
    await client.call('network.undefine', { network: 'keep8' });
  });
});

describe('names dnsmasq must carry (#20 item 10)', () => {
  it.each([
    ['a #b', 'vnmhq4', 4],
    ['q"x', 'vnmhq5', 5],
    ['c,d', 'vnmhq6', 6],
    ['sp ace', 'vnmhq7', 7],
  ])('%j starts, runs dnsmasq, stops and leaves no file behind', async (name, bridge, octet) => {
    const esc = name.replace(/"/g, '&quot;');
    await client.call('network.define', { xml: net(esc, bridge, octet) });
    await client.call('network.start', { network: name });
    const info = await client.call('network.info', { network: name });
    expect(info).toMatchObject({ active: true, problem: null });
    expect(info.dnsmasqPid).toBeGreaterThan(0);
    expect(runFiles()).toContain(`${name}.pid`);
    await client.call('network.destroy', { network: name });
    await client.call('network.undefine', { network: name });
    expect(dnsmasqFiles().filter((f) => f.startsWith(name))).toEqual([]);
    expect(runFiles().filter((f) => f.startsWith(name))).toEqual([]);
  });

  it.each([' ', ' lead', 'trail ', 'a\u2028b'])('refuses %j with a clear message', async (name) => {
    const err = await refusal(client.call('network.define', { xml: net(name, 'vnmhq8', 8) }));
    expect(err.message).toMatch(/blank|control character/);
  });
});

describe('the CLI reads the encodings a file declares (#20 item 12)', () => {
  const file = (n: string) => join(vnmd.dirs.base, n);

  it('defines from ISO-8859-1 and UTF-16 files, with their names intact', async () => {
    const l1 = `<?xml version='1.0' encoding='ISO-8859-1'?>\n${net('réseau-l1', 'vnmhq9', 9)}`;
    writeFileSync(file('l1.xml'), Buffer.from(l1, 'latin1'));
    const u16 = `<?xml version='1.0' encoding='UTF-16'?>\n${net('réseau-u16', 'vnmhq10', 10)}`;
    writeFileSync(file('u16.xml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(u16, 'utf16le')]));
    for (const [f, name] of [
      ['l1.xml', 'réseau-l1'],
      ['u16.xml', 'réseau-u16'],
    ] as const) {
      const r = await vnmd.cli(['net-define', file(f)]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect((await client.call('network.info', { network: name })).name).toBe(name);
      await client.call('network.undefine', { network: name });
    }
  });

  it('refuses an encoding it cannot read, and bytes that are not UTF-8, saying how to convert', async () => {
    writeFileSync(
      file('ebc.xml'),
      `<?xml version='1.0' encoding='EBCDIC-US'?>\n${net('ebc', 'vnmhq11', 11)}`,
    );
    writeFileSync(file('bad8.xml'), Buffer.from(net('réseau-bad', 'vnmhq11', 11), 'latin1'));
    for (const f of ['ebc.xml', 'bad8.xml']) {
      const r = await vnmd.cli(['net-define', file(f)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: .*iconv .*-t UTF-8/m);
    }
    const names = (await client.call('network.list', { filter: 'all' })).map((n) => n.name);
    expect(names.filter((n) => n.includes('ebc') || n.includes('bad'))).toEqual([]);
  });
});

describe('a failed start leaves no dnsmasq file behind (#20 item 10)', () => {
  it('removes the conf, hosts, lease and pid files a failed first start wrote', async () => {
    client.close();
    await vnmd.stop();
    // dnsmasq really starts (pid and lease files written), then the start fails after it.
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs, env: { VNMD_INJECT_FAILURE: 'dnsmasq' } });
    client = await vnmd.client();
    const name = 'fail #1';
    await client.call('network.define', { xml: net(name, 'vnmhq12', 12) });
    const err = await refusal(client.call('network.start', { network: name }));
    expect(err.message).toMatch(/Failed to start network 'fail #1'.*injected failure/);
    expect(dnsmasqFiles().filter((f) => f.startsWith(name))).toEqual([]);
    expect(runFiles().filter((f) => f.startsWith(name))).toEqual([]);
    await client.call('network.undefine', { network: name });
  });
});
