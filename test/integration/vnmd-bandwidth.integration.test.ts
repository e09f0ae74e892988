/**
 * Network `<bandwidth>` (issue 16), measured: a guest's TCP throughput through a NAT network
 * limited to 1000 kB/s inbound (towards the guest: htb on the bridge) and 600 kB/s outbound
 * (from the guest: the bridge's ingress redirected to an ifb, htb there) stays within 10% of
 * each limit, over several seconds past TCP's slow start and the shaper's burst. What is
 * measured is the TCP payload received; htb counts whole frames (Ethernet, IP and TCP
 * headers too), so the payload rate sits near 95% of the limit (1448 of 1514 bytes). Shaping a
 * restarted vnmd finds gone is put back; destroy leaves no qdisc or ifb; a start that fails
 * during or after shaping, or whose ifb name is taken, leaves the host as it was.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { VnmError } from '../../shared/rpc/errors';
import { createGuest, type Guest } from '../helpers/guest';
import type { Sandbox } from '../helpers/sandbox';
import { measureTcp } from '../helpers/throughput';
import { hostSnapshot, startVnmd, type Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

const BR = 'vnmbw0';
const IFB = 'vnmbw0-ifb';
const INBOUND = 1000; // kB/s, libvirt's unit: 1000 bytes per second
const OUTBOUND = 600;
const xml = (name: string, bridge: string, third: number) => `<network>
  <name>${name}</name><forward mode='nat'/>
  <bridge name='${bridge}' stp='off'/>
  <bandwidth><inbound average='${INBOUND}' burst='64'/><outbound average='${OUTBOUND}'/></bandwidth>
  <ip address='10.66.${third}.1' prefix='24'/>
</network>`;

let sb: Sandbox;
let vnmd: Vnmd;
let client: VnmClient;
let guest: Guest;
const fakeBin = mkdtempSync(join(tmpdir(), 'vnmt-bw-bin-'));

setUpVnmdSandbox('bw', async (s) => {
  ({ sb, vnmd, client } = s);
  await client.call('network.create', { xml: xml('bw', BR, 0) });
  guest = await createGuest(sb.host, BR, { address: '10.66.0.10/24', gateway: '10.66.0.1' });
});
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

const qdiscs = async (dev: string) =>
  JSON.parse((await sb.host.exec('tc', ['-json', 'qdisc', 'show', 'dev', dev])).stdout) as {
    kind: string;
    handle: string;
  }[];
const hasLink = async (name: string) => (await sb.host.tryExec('ip', ['link', 'show', name])).code === 0;

describe('a network with <bandwidth>', () => {
  it('has htb on the bridge, an ingress redirect, and htb on its ifb', async () => {
    expect((await qdiscs(BR)).map((q) => `${q.kind} ${q.handle}`)).toEqual([
      'htb 1:',
      'pfifo 2:',
      'ingress ffff:',
    ]);
    expect((await qdiscs(IFB)).map((q) => q.kind)).toEqual(['htb', 'pfifo']);
  });

  it(`holds traffic towards the guest to the inbound average (${INBOUND} kB/s) within 10%`, async () => {
    const t = await measureTcp(sb.host, guest.ns, '10.66.0.10', 7101, { bytes: 6_000_000, skip: 1_000_000 });
    console.log(
      `inbound: ${(t.bytesPerSecond / 1000).toFixed(1)} kB/s over ${t.seconds.toFixed(2)} s, limit ${INBOUND} kB/s`,
    );
    expect(Math.abs(t.bytesPerSecond / (INBOUND * 1000) - 1)).toBeLessThan(0.1);
  });

  it(`holds traffic from the guest to the outbound average (${OUTBOUND} kB/s) within 10%`, async () => {
    const t = await measureTcp(guest.ns, sb.host, '10.66.0.1', 7102, { bytes: 3_600_000, skip: 600_000 });
    console.log(
      `outbound: ${(t.bytesPerSecond / 1000).toFixed(1)} kB/s over ${t.seconds.toFixed(2)} s, limit ${OUTBOUND} kB/s`,
    );
    expect(Math.abs(t.bytesPerSecond / (OUTBOUND * 1000) - 1)).toBeLessThan(0.1);
  });

  it('gets its shaping back when vnmd adopts it after someone removed it', async () => {
    await vnmd.kill();
    client.close();
    await sb.host.exec('tc', ['qdisc', 'del', 'dev', BR, 'root']);
    await sb.host.exec('ip', ['link', 'del', IFB]);
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs });
    client = await vnmd.client();
    expect(vnmd.log()).toMatch(
      /network bw had lost the inbound htb on vnmbw0, .*the ifb device vnmbw0-ifb: put back/,
    );
    expect((await qdiscs(BR)).map((q) => q.kind)).toEqual(['htb', 'pfifo', 'ingress']);
    expect((await qdiscs(IFB)).map((q) => q.kind)).toEqual(['htb', 'pfifo']);
    expect((await client.call('network.info', { network: 'bw' })).active).toBe(true);
  });

  it('leaves no qdisc and no ifb behind when destroyed', async () => {
    await client.call('network.destroy', { network: 'bw' });
    expect(await hasLink(BR)).toBe(false);
    expect(await hasLink(IFB)).toBe(false);
    const all = (await sb.host.exec('tc', ['qdisc', 'show'])).stdout;
    expect(all).not.toMatch(/htb|ingress/);
  });
});

describe('a start of a network with <bandwidth> that fails', () => {
  const NET = 'bwfail';
  const FAIL_BR = 'vnmbw1';

  async function expectStartFails(v: Vnmd, pattern: RegExp): Promise<VnmError> {
    const before = await hostSnapshot(sb.host);
    const c = await v.client();
    try {
      const err = await c.call('network.start', { network: NET }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VnmError);
      expect((err as VnmError).message).toMatch(pattern);
      expect(await hostSnapshot(sb.host)).toEqual(before);
      return err as VnmError;
    } finally {
      c.close();
    }
  }

  /** A vnmd of its own (the file's one stopped: two may not share folders) for one attempt. */
  async function withVnmd(env: Record<string, string>, fn: (v: Vnmd) => Promise<unknown>): Promise<void> {
    const v = await startVnmd(sb.host, { dirs: vnmd.dirs, env });
    try {
      await fn(v);
    } finally {
      await v.stop();
    }
  }

  it('after shaping (injected) or after dnsmasq leaves the host as it was', async () => {
    await client.call('network.define', { xml: xml(NET, FAIL_BR, 1) });
    client.close();
    await vnmd.stop();
    for (const step of ['bandwidth', 'dnsmasq']) {
      await withVnmd({ VNMD_INJECT_FAILURE: step }, (v) =>
        expectStartFails(v, new RegExp(`injected failure after step '${step}'.*restored`)),
      );
    }
  });

  it('half-way through shaping, when tc refuses the ingress redirect, leaves the host as it was', async () => {
    writeFileSync(
      join(fakeBin, 'tc'),
      '#!/bin/sh\nif [ "$1" = "filter" ]; then echo "RTNETLINK answers: Operation not supported" >&2; exit 2; fi\n' +
        'exec /usr/sbin/tc "$@"\n',
    );
    chmodSync(join(fakeBin, 'tc'), 0o755);
    await withVnmd({ PATH: `${fakeBin}:${process.env.PATH}` }, (v) =>
      expectStartFails(v, /while shaping the traffic with tc .*Operation not supported.*restored/),
    );
  });

  it('refuses a start whose ifb name is taken, naming it, and changes nothing', async () => {
    await sb.host.exec('ip', ['link', 'add', `${FAIL_BR}-ifb`, 'type', 'veth', 'peer', 'name', 'vnmbwpeer']);
    try {
      await withVnmd({}, async (v) => {
        const err = await expectStartFails(v, /'vnmbw1-ifb', .* already exists; delete it/);
        expect(err.kind).toBe('conflict');
      });
    } finally {
      await sb.host.exec('ip', ['link', 'del', `${FAIL_BR}-ifb`]);
    }
  });
});
