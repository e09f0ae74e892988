/**
 * Port forwards (issue #14), the acceptance items beyond TCP from the wan: UDP, a port range
 * mapped one-to-one, IPv6 on a network with IPv6 NAT, hairpin (a guest of the same network
 * and the host itself through the uplink address), and a live change of one forward while a
 * long-lived TCP stream flows through another. Each test has a sandbox host and a vnmd of its
 * own, removed when it ends, also when it fails; the servers (vnmd-port-forward-more-peers.mjs)
 * answer with the source address they saw.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createGuest, runUdhcpc, type Guest } from '../helpers/guest';
import type { TestNetns } from '../helpers/netns';
import { createSandbox, UPLINK, type Sandbox } from '../helpers/sandbox';
import { removeDirs, startVnmd, type Vnmd } from '../helpers/vnmd';

const PEERS = join(import.meta.dirname, 'vnmd-port-forward-more-peers.mjs');

interface Rig {
  readonly sb: Sandbox;
  readonly vnmd: Vnmd;
  /** The `vnm` CLI; fails the test on a non-zero exit. */
  readonly vnm: (...args: string[]) => Promise<string>;
  /**
   * A NAT network `name` on 10.43.<third>.0/24 (and fd00:43:<third>::/64 with IPv6 NAT),
   * started; `dhcp` is put inside its IPv4 <ip>.
   */
  readonly network: (name: string, third: number, opts?: { ipv6?: boolean; dhcp?: string }) => Promise<void>;
  /** A guest at 10.43.<third>.<last> (no address when last is 0: it takes a lease). */
  readonly guest: (name: string, third: number, last: number, ipv6?: boolean) => Promise<Guest>;
}

/** Runs `body` with a sandbox host and vnmd of its own, torn down whatever happens. */
async function withRig(prefix: string, body: (rig: Rig) => Promise<void>): Promise<void> {
  const sb = await createSandbox(prefix);
  let vnmd: Vnmd | null = null;
  const guests: Guest[] = [];
  try {
    const d = await startVnmd(sb.host);
    vnmd = d;
    const vnm = async (...args: string[]) => {
      const r = await d.cli(args);
      if (r.code !== 0) throw new Error(`vnm ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    };
    const rig: Rig = {
      sb,
      vnmd: d,
      vnm,
      network: async (name, third, { ipv6 = false, dhcp = '' } = {}) => {
        const xml = `<network>
  <name>${name}</name>
  <forward mode='nat'>${ipv6 ? "<nat ipv6='yes'/>" : ''}</forward>
  <bridge name='vnm${name}' stp='off'/>
  <ip address='10.43.${third}.1' prefix='24'>${dhcp}</ip>
  ${ipv6 ? `<ip family='ipv6' address='fd00:43:${third}::1' prefix='64'/>` : ''}
</network>`;
        const client = await d.client();
        try {
          await client.call('network.define', { xml });
          await client.call('network.start', { network: name });
        } finally {
          client.close();
        }
      },
      guest: async (name, third, last, ipv6 = false) => {
        const g = await createGuest(sb.host, `vnm${name}`, {
          ...(last > 0 ? { address: `10.43.${third}.${last}/24`, gateway: `10.43.${third}.1` } : {}),
          ...(ipv6 ? { address6: `fd00:43:${third}::${last}/64`, gateway6: `fd00:43:${third}::1` } : {}),
        });
        guests.push(g);
        return g;
      },
    };
    await body(rig);
  } finally {
    await vnmd?.kill();
    await Promise.all([sb.destroy(), ...guests.map((g) => g.ns.destroy())]);
    if (vnmd) removeDirs(vnmd.dirs);
  }
}

/** Starts a server of the peers script in `ns` and waits until it listens. */
async function serve(ns: TestNetns, ...args: string[]): Promise<ChildProcess> {
  const child = ns.spawn('node', [PEERS, ...args]);
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server ${args.join(' ')} exited (${code}): ${err}`)));
  });
  return child;
}

/** A client of the peers script in `ns`: what the server answered, or null when it did not. */
async function ask(
  ns: TestNetns,
  mode: 'ask-tcp' | 'ask-udp',
  host: string,
  port: number,
): Promise<string | null> {
  const r = await ns.tryExec('node', [PEERS, mode, host, String(port)], { timeoutMs: 10_000 });
  if (r.code === 0) return r.stdout.trim();
  // Why it got nothing (refused, timeout, unreachable): when a test expected an answer, this
  // line is what tells a firewall from a route from a server.
  console.log(`${mode} ${host} ${port} from ${ns.name}: ${r.stderr.trim() || `exit ${r.code}`}`);
  return null;
}

describe('port forwards beyond TCP from the wan', () => {
  it('net-forward-list names each guest by its static host or its lease, and - when nobody does', async () => {
    await withRig('pfn', async ({ vnm, network, guest }) => {
      const hosts = "<host mac='52:54:00:43:06:20' name='webstatic' ip='10.43.6.20'/>";
      await network('pfn', 6, {
        dhcp: `<dhcp><range start='10.43.6.100' end='10.43.6.150'/>${hosts}</dhcp>`,
      });
      const g = await guest('pfn', 6, 0);
      const lease = await runUdhcpc(g.ns, { hostname: 'leasedguest' });
      await vnm('net-forward-add', 'pfn', 'tcp', '7390', lease.ip);
      await vnm('net-forward-add', 'pfn', 'tcp', '7391', '10.43.6.20');
      await vnm('net-forward-add', 'pfn', 'tcp', '7392', '10.43.6.30', '--description', 'spare');

      const table = (await vnm('net-forward-list', 'pfn')).split('\n');
      expect(table[0]).toMatch(/ Guest port +Guest name +Description$/);
      expect(table[2]).toMatch(new RegExp(` 7390 +${lease.ip.replaceAll('.', '\\.')} +7390 +leasedguest +$`));
      expect(table[3]).toMatch(/ 7391 +10\.43\.6\.20 +7391 +webstatic +$/);
      expect(table[4]).toMatch(/ 7392 +10\.43\.6\.30 +7392 +- +spare$/);
      const json = JSON.parse(await vnm('net-forward-list', 'pfn', '--json')) as { guestName: unknown }[];
      expect(json.map((f) => f.guestName)).toEqual(['leasedguest', 'webstatic', null]);
    });
  });

  it('UDP: a guest echo server answers the wan through the uplink address, seeing the wan as source', async () => {
    await withRig('pfu', async ({ sb, vnm, network, guest }) => {
      await network('pfu', 1);
      const g = await guest('pfu', 1, 10);
      await serve(g.ns, 'serve-udp', '7340');
      expect(await ask(sb.wan, 'ask-udp', UPLINK.hostAddress, 7340)).toBeNull();

      await vnm('net-forward-add', 'pfu', 'udp', '7340', '10.43.1.10');
      expect(await ask(sb.wan, 'ask-udp', UPLINK.hostAddress, 7340)).toBe(`7340 ${UPLINK.wanAddress}`);
      // udp only: the TCP port stays closed.
      expect(await ask(sb.wan, 'ask-tcp', UPLINK.hostAddress, 7340)).toBeNull();

      await vnm('net-forward-remove', 'pfu', 'udp', '7340');
      expect(await ask(sb.wan, 'ask-udp', UPLINK.hostAddress, 7340)).toBeNull();
    });
  });

  it('a host port range maps one-to-one onto a guest port range', async () => {
    await withRig('pfr', async ({ sb, vnm, network, guest }) => {
      await network('pfr', 2);
      const g = await guest('pfr', 2, 10);
      await serve(g.ns, 'serve-who', '9100,9101,9102');
      await vnm('net-forward-add', 'pfr', 'tcp', '8100-8102', '10.43.2.10:9100-9102');
      for (const [host, guestPort] of [
        [8100, 9100],
        [8101, 9101],
        [8102, 9102],
      ] as const) {
        expect(await ask(sb.wan, 'ask-tcp', UPLINK.hostAddress, host)).toBe(
          `${guestPort} ${UPLINK.wanAddress}`,
        );
      }
      // Just past the range: not forwarded.
      expect(await ask(sb.wan, 'ask-tcp', UPLINK.hostAddress, 8103)).toBeNull();
    });
  });

  it('IPv6: a forward on a network with IPv6 NAT is reached from the wan over IPv6', async () => {
    await withRig('pf6', async ({ sb, vnm, network, guest }) => {
      await network('pf6', 3, { ipv6: true });
      const g = await guest('pf6', 3, 10, true);
      await serve(g.ns, 'serve-who', '7360', '6');
      const host6 = UPLINK.hostAddress6;
      expect(await ask(sb.wan, 'ask-tcp', host6, 7360)).toBeNull();

      await vnm('net-forward-add', 'pf6', 'tcp', '7360', 'fd00:43:3::10');
      expect(await vnm('net-forward-list', 'pf6')).toMatch(/ tcp +\* +7360 +\[fd00:43:3::10\] +7360/);
      expect(await ask(sb.wan, 'ask-tcp', host6, 7360)).toBe(`7360 ${UPLINK.wanAddress6}`);
      // Hairpin over IPv6 too: the host itself, and another guest (masqueraded to the gateway).
      expect(await ask(sb.host, 'ask-tcp', host6, 7360)).toBe(`7360 ${host6}`);
      const other = await guest('pf6', 3, 11, true);
      expect(await ask(other.ns, 'ask-tcp', host6, 7360)).toBe('7360 fd00:43:3::1');
      // The IPv4 side of the host does not forward an IPv6 forward.
      expect(await ask(sb.wan, 'ask-tcp', UPLINK.hostAddress, 7360)).toBeNull();

      await vnm('net-forward-remove', 'pf6', 'tcp', '7360');
      expect(await ask(sb.wan, 'ask-tcp', host6, 7360)).toBeNull();
    });
  });

  it('hairpin: another guest of the network and the host itself reach the service through the uplink address', async () => {
    await withRig('pfh', async ({ sb, vnm, network, guest }) => {
      await network('pfh', 4);
      const server = await guest('pfh', 4, 10);
      const other = await guest('pfh', 4, 11);
      await serve(server.ns, 'serve-who', '7370');
      await vnm('net-forward-add', 'pfh', 'tcp', '7370', '10.43.4.10');

      // The guest's connection is masqueraded to the gateway, so the replies come back
      // through the host (the server would otherwise answer the other guest directly).
      expect(await ask(other.ns, 'ask-tcp', UPLINK.hostAddress, 7370)).toBe('7370 10.43.4.1');
      // The host's own connection to its uplink address keeps that address as source.
      expect(await ask(sb.host, 'ask-tcp', UPLINK.hostAddress, 7370)).toBe(`7370 ${UPLINK.hostAddress}`);
      // Still reached from the wan, with the wan's address.
      expect(await ask(sb.wan, 'ask-tcp', UPLINK.hostAddress, 7370)).toBe(`7370 ${UPLINK.wanAddress}`);
    });
  });

  it("diagnose: an admin table dropping the forward's traffic fails the port forward line, naming it; its fix works", async () => {
    await withRig('pfd', async ({ sb, vnmd, vnm, network, guest }) => {
      await network('pfd', 7);
      const g = await guest('pfd', 7, 10);
      await serve(g.ns, 'serve-who', '7395');
      await vnm('net-forward-add', 'pfd', 'tcp', '7395', '10.43.7.10');
      const portForwardLine = async () => {
        const client = await vnmd.client();
        try {
          const r = await client.call('network.diagnose', { network: 'pfd' });
          return r.checks.find((c) => c.id === 'firewall-port-forwards');
        } finally {
          client.close();
        }
      };
      expect(await portForwardLine()).toMatchObject({ status: 'ok' });

      // An admin's own table that drops what goes to the guest's port.
      const nft = (line: string) => sb.host.exec('nft', [line]);
      await nft('add table inet admin');
      await nft('add chain inet admin forward { type filter hook forward priority 0; }');
      await nft('add rule inet admin forward tcp dport 7395 drop');
      expect(await ask(sb.wan, 'ask-tcp', UPLINK.hostAddress, 7395)).toBeNull();
      const failing = await portForwardLine();
      expect(failing?.status).toBe('fail');
      expect(failing?.summary).toContain(
        'table inet admin chain forward drops the traffic of port forward tcp 7395',
      );
      expect(failing?.fix).toMatch(/^nft insert rule inet admin forward /);

      await sb.host.exec('sh', ['-c', failing!.fix!]);
      expect(await ask(sb.wan, 'ask-tcp', UPLINK.hostAddress, 7395)).toBe(`7395 ${UPLINK.wanAddress}`);
      expect(await portForwardLine()).toMatchObject({ status: 'ok' });
    });
  });

  it('live: a TCP stream through forward A flows unbroken while forward B is added and removed', async () => {
    await withRig('pfl', async ({ sb, vnm, network, guest }) => {
      await network('pfl', 5);
      const g = await guest('pfl', 5, 10);
      await serve(g.ns, 'serve-stream', '7380');
      await serve(g.ns, 'serve-who', '7381');
      await vnm('net-forward-add', 'pfl', 'tcp', '7380', '10.43.5.10');

      const follower = sb.wan.spawn('node', [PEERS, 'follow', UPLINK.hostAddress, '7380']);
      const lines: number[] = [];
      let broken = '';
      let pending = '';
      follower.stdout?.on('data', (c: Buffer) => {
        pending += c.toString();
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        lines.push(...parts.map(Number));
      });
      follower.stderr?.on('data', (c: Buffer) => (broken += c.toString()));
      follower.once('exit', (code) => (broken += ` exited ${code}`));
      const flowing = async (more: number) => {
        const from = lines.length;
        await vi.waitFor(
          () => {
            expect(broken).toBe('');
            expect(lines.length).toBeGreaterThanOrEqual(from + more);
          },
          { timeout: 10_000, interval: 20 },
        );
      };
      try {
        await flowing(5);

        await vnm('net-forward-add', 'pfl', 'tcp', '7381', '10.43.5.10');
        expect(await ask(sb.wan, 'ask-tcp', UPLINK.hostAddress, 7381)).toBe(`7381 ${UPLINK.wanAddress}`);
        await flowing(5);

        await vnm('net-forward-remove', 'pfl', 'tcp', '7381');
        expect(await ask(sb.wan, 'ask-tcp', UPLINK.hostAddress, 7381)).toBeNull();
        await flowing(5);

        // Unbroken: every line the server wrote arrived, in order, none lost and no reset.
        expect(broken).toBe('');
        expect(lines).toEqual(lines.map((_, i) => i + 1));
      } finally {
        follower.kill('SIGKILL');
      }
    });
  });
});
