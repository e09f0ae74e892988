/**
 * vnmd restarts without an outage (acceptance 7 of issue 3): kill -9 vnmd while a network
 * runs and a guest pings through it every 100 ms, start vnmd again, and the network is
 * adopted with the same dnsmasq and leases, losing no ping. Also: a half-started network
 * found at start is cleaned, and a dnsmasq that dies is noticed and restarted.
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VnmEvent } from '../../shared/rpc/contract';
import { createGuest, runUdhcpc } from '../helpers/guest';
import { UPLINK, type Sandbox } from '../helpers/sandbox';
import { hostSnapshot as snapshot } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';
import { startVnmd, type Vnmd } from '../helpers/vnmd';

const XML = `<network>
  <name>keep</name>
  <forward mode='nat'/>
  <bridge name='vnmbr0' stp='off'/>
  <ip address='10.77.0.1' prefix='24'><dhcp><range start='10.77.0.10' end='10.77.0.50'/></dhcp></ip>
</network>`;

let sb: Sandbox;
let vnmd: Vnmd;

/** A running ping: wait for its nth reply, or for its summary when it ends. */
function pingWatch(child: ChildProcess) {
  let out = '';
  const waiters: { n: number; resolve: () => void }[] = [];
  const count = () => (out.match(/bytes from/g) ?? []).length;
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters.filter((w) => count() >= w.n)) w.resolve();
  });
  const done = new Promise<string>((res) => child.once('exit', () => res(out)));
  return {
    done,
    /** Resolves once `n` replies arrived in all (rejects if ping ended first). */
    replies: (n: number) =>
      count() >= n
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.push({ n, resolve })),
            done.then((text) => Promise.reject(new Error(`ping ended before ${n} replies:\n${text}`))),
          ]),
  };
}

setUpVnmdSandbox('rst', (s) => ({ sb, vnmd } = s), { client: false });

describe('vnmd restart', () => {
  it('adopts a running network after kill -9 with no ping lost and leases kept', async () => {
    const before = await snapshot(sb.host);
    let c = await vnmd.client();
    await c.call('network.define', { xml: XML });
    await c.call('network.setAutostart', { network: 'keep', autostart: true });
    await c.call('network.start', { network: 'keep' });
    const pid1 = (await c.call('network.info', { network: 'keep' })).dnsmasqPid;
    c.close();
    const guest = await createGuest(sb.host, 'vnmbr0');
    const lease = await runUdhcpc(guest.ns);
    const pinger = pingWatch(
      guest.ns.spawn('ping', ['-n', '-i', '0.1', '-c', '40', '-W', '1', UPLINK.wanAddress]),
    );
    // Traffic flows before, while vnmd is gone, and after: replies counted, not time waited.
    await pinger.replies(5);
    await vnmd.kill();
    await pinger.replies(8);
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs });
    c = await vnmd.client();
    const info = await c.call('network.info', { network: 'keep' });
    expect(info).toMatchObject({ active: true, autostart: true, dnsmasqPid: pid1, problem: null });
    expect(await pinger.done).toMatch(/40 packets transmitted, 40 received/);
    const leases = await c.call('network.leases', { network: 'keep' });
    expect(leases.map((l) => l.ip)).toEqual([lease.ip]);
    await guest.ns.destroy();
    await c.call('network.destroy', { network: 'keep' });
    await c.call('network.undefine', { network: 'keep' });
    c.close();
    expect(await snapshot(sb.host)).toEqual(before);
  });

  it('cleans a half-started network left by a vnmd killed mid-start', async () => {
    const before = await snapshot(sb.host);
    const c = await vnmd.client();
    await c.call('network.define', { xml: XML });
    await c.call('network.start', { network: 'keep' });
    c.close();
    await vnmd.kill();
    // What the status file says before the last step of a start: still 'starting'.
    const statusFile = join(vnmd.dirs.runtimeDir, 'networks', 'keep.json');
    const { readFileSync } = await import('node:fs');
    const status = JSON.parse(readFileSync(statusFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      statusFile,
      JSON.stringify({
        ...status,
        phase: 'starting',
        created: { bridge: false, firewall: false, routes: [], dnsmasq: null },
      }),
    );
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs });
    expect(vnmd.log()).toContain('cleaning up half-started network keep');
    const c2 = await vnmd.client();
    expect((await c2.call('network.info', { network: 'keep' })).active).toBe(false);
    await c2.call('network.undefine', { network: 'keep' });
    c2.close();
    expect(await snapshot(sb.host)).toEqual(before);
  });

  it('notices a dnsmasq that died, reports it and restarts it', async () => {
    const c = await vnmd.client();
    await c.call('network.define', { xml: XML });
    await c.call('network.start', { network: 'keep' });
    const events: VnmEvent[] = [];
    c.onEvent((e) => events.push(e));
    await c.call('events.subscribe', { types: ['lifecycle'] });
    const pid = (await c.call('network.info', { network: 'keep' })).dnsmasqPid!;
    const restarted = new Promise<void>((res) =>
      c.onEvent((e) => e.type === 'lifecycle' && e.event === 'dnsmasq-restarted' && res()),
    );
    process.kill(pid, 'SIGKILL');
    await restarted;
    const kinds = events.map((e) => (e.type === 'lifecycle' ? e.event : e.type));
    expect(kinds).toEqual(expect.arrayContaining(['dnsmasq-died', 'dnsmasq-restarted']));
    const info = await c.call('network.info', { network: 'keep' });
    expect(info.dnsmasqPid).not.toBe(pid);
    expect(info.problem).toBeNull();
    await c.call('network.destroy', { network: 'keep' });
    await c.call('network.undefine', { network: 'keep' });
    c.close();
  });
});
