/**
 * Issue 20, items 7, 11 and 12: stray entries in the config directory, overlapping subnets,
 * static DHCP hosts outside their subnet, a second vnmd on the same directories, a full disk
 * (tiny tmpfs mounts the test makes on its own temp dirs), a status file that cannot be saved
 * after a dnsmasq restart, and .tmp files left by a killed write.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { VnmError } from '../../shared/rpc/errors';
import { recordEvents } from '../helpers/events-recorder';
import { destroyAllNetns } from '../helpers/netns';
import { createSandbox, type Sandbox } from '../helpers/sandbox';
import { makeDirs, removeDirs, startVnmd, type Vnmd, type VnmdDirs } from '../helpers/vnmd';

const CONFORMANCE = resolve(import.meta.dirname, '../../../shared/conformance/libvirt-9.0/valid');

const net = (name: string, bridge: string, ips: string, extra = '') =>
  `<network><name>${name}</name>${extra}<bridge name='${bridge}'/>${ips}</network>`;
const ip4 = (address: string, prefix: number, inner = '') =>
  `<ip address='${address}' prefix='${prefix}'>${inner}</ip>`;

let sb: Sandbox;
const mounts: string[] = [];
const allDirs: VnmdDirs[] = [];

function newDirs(): VnmdDirs {
  const d = makeDirs();
  allDirs.push(d);
  return d;
}

/** A tiny tmpfs on a directory of the test's own, made before vnmd starts (see below). */
function mountTiny(dir: string): void {
  mkdirSync(dir, { recursive: true });
  // Mounted before vnmd starts: `ip netns exec` copies the mount table, and / is private here.
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0755', 'tmpfs', dir]);
  mounts.push(dir);
}

/** Fills the file system of `dir` to the last block. */
function fill(dir: string): string {
  const filler = join(dir, 'filler');
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], { stdio: 'ignore' });
  } catch {
    // dd stops with "No space left on device": that is the point.
  }
  return filler;
}

async function failure(p: Promise<unknown>): Promise<VnmError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VnmError);
  return err as VnmError;
}

/** Waits (bounded) for a condition the daemon makes true on its own schedule. */
async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Pids of processes whose command line holds `needle` (a network's own dnsmasq config path). */
function pidsWith(needle: string): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc').filter((f) => /^\d+$/.test(f))) {
    try {
      if (readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(needle)) out.push(Number(p));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

beforeAll(async () => {
  sb = await createSandbox('grd');
});

afterAll(async () => {
  for (const m of mounts.reverse()) execFileSync('umount', ['-l', m]);
  await destroyAllNetns();
  for (const d of allDirs) removeDirs(d);
});

describe('stray entries in the config directory (item 7) and .tmp leftovers (item 12)', () => {
  it('skips a directory, a dangling link and a fifo, and sweeps .tmp files', async () => {
    const dirs = newDirs();
    const auto = join(dirs.configDir, 'autostart');
    mkdirSync(auto, { recursive: true });
    mkdirSync(join(dirs.runtimeDir, 'networks'), { recursive: true });
    mkdirSync(join(dirs.stateDir, 'dnsmasq'), { recursive: true });
    writeFileSync(join(dirs.configDir, 'ok.xml'), net('ok', 'vnmgok0', ip4('10.63.0.1', 24)));
    mkdirSync(join(dirs.configDir, 'dir.xml'));
    symlinkSync('/nonexistent/vnm-guard.xml', join(dirs.configDir, 'dangling.xml'));
    execFileSync('mkfifo', [join(dirs.configDir, 'fifo.xml')]);
    // A plain file in autostart/ is no autostart link.
    writeFileSync(join(auto, 'ok.xml'), '');
    const leftovers = [
      join(dirs.configDir, '.ok.xml.4242.deadbeef.tmp'),
      join(dirs.runtimeDir, 'networks', '.ok.json.4242.0badc0de.tmp'),
      join(dirs.stateDir, 'dnsmasq', '.ok.conf.4242.12345678.tmp'),
    ];
    for (const f of leftovers) writeFileSync(f, 'half');
    const vnmd = await startVnmd(sb.host, { dirs });
    try {
      const c = await vnmd.client();
      expect(await c.call('network.list', { filter: 'all' })).toEqual([
        expect.objectContaining({ name: 'ok', active: false, autostart: false }),
      ]);
      c.close();
      for (const f of ['dir.xml', 'dangling.xml', 'fifo.xml']) {
        expect(vnmd.log()).toContain(`skipping ${join(dirs.configDir, f)}`);
      }
      for (const f of leftovers) expect(existsSync(f), f).toBe(false);
    } finally {
      await vnmd.stop();
    }
  });
});

describe('overlapping subnets (item 11)', () => {
  let vnmd: Vnmd;
  let c: VnmClient;
  const define = (xml: string) => c.call('network.define', { xml });
  const startFails = async (name: string) => {
    const err = await failure(c.call('network.start', { network: name }));
    expect(err.kind).toBe('conflict');
    expect((await c.call('network.info', { network: name })).active).toBe(false);
    return err.message;
  };

  beforeAll(async () => {
    vnmd = await startVnmd(sb.host, { dirs: newDirs() });
    c = await vnmd.client();
    await define(
      net('wide', 'vnmgw0', `${ip4('10.64.0.1', 24)}<ip family='ipv6' address='fd00:64::1' prefix='64'/>`),
    );
    await c.call('network.start', { network: 'wide' });
    await sb.host.exec('ip', ['link', 'add', 'vnmgx0', 'type', 'bridge']);
    await sb.host.exec('ip', ['link', 'set', 'vnmgx0', 'up']);
  });

  afterAll(async () => {
    c?.close();
    await vnmd?.stop();
    await sb.host.tryExec('ip', ['link', 'del', 'vnmgx0']);
  });

  it('refuses a subnet inside, or equal to, a running network, naming it', async () => {
    await define(net('inner', 'vnmgi0', ip4('10.64.0.129', 25)));
    expect(await startFails('inner')).toMatch(
      /10\.64\.0\.128\/25 overlaps 10\.64\.0\.0\/24 of network 'wide'/,
    );
    await define(net('same', 'vnmgs0', ip4('10.64.0.2', 24)));
    expect(await startFails('same')).toMatch(/overlaps 10\.64\.0\.0\/24 of network 'wide'/);
    await define(net('around', 'vnmga0', ip4('10.64.0.1', 16)));
    expect(await startFails('around')).toMatch(
      /10\.64\.0\.0\/16 overlaps 10\.64\.0\.0\/24 of network 'wide'/,
    );
    await define(net('inner6', 'vnmgi6', `<ip family='ipv6' address='fd00:64::1:1' prefix='96'/>`));
    expect(await startFails('inner6')).toMatch(/overlaps fd00:64::\/64 of network 'wide'/);
  });

  it('refuses a subnet overlapping a host route or a host address, naming the interface', async () => {
    await sb.host.exec('ip', ['route', 'add', '10.65.0.0/16', 'dev', 'vnmgx0']);
    await define(net('routed', 'vnmgr0', ip4('10.65.3.1', 24)));
    expect(await startFails('routed')).toMatch(
      /interface vnmgx0 \(route 10\.65\.0\.0\/16 overlaps 10\.65\.3\.0\/24\)/,
    );
    // An address without a route of its own still holds its subnet.
    await sb.host.exec('ip', ['addr', 'add', '10.66.0.5/24', 'dev', 'vnmgx0', 'noprefixroute']);
    await define(net('addressed', 'vnmgd0', ip4('10.66.0.1', 25)));
    expect(await startFails('addressed')).toMatch(
      /interface vnmgx0 \(address 10\.66\.0\.5\/24 overlaps 10\.66\.0\.0\/25\)/,
    );
  });

  it('still starts a network that overlaps nothing but the default route', async () => {
    await define(net('apart', 'vnmgp0', ip4('10.67.0.1', 24)));
    await c.call('network.start', { network: 'apart' });
    await c.call('network.destroy', { network: 'apart' });
  });
});

describe('static DHCP hosts outside their subnet (item 11)', () => {
  it('are refused at define, create and update, and nothing is stored', async () => {
    const dirs = newDirs();
    const vnmd = await startVnmd(sb.host, { dirs });
    const c = await vnmd.client();
    try {
      // libvirt's parser accepts this file (the codec does too); vnmd refuses it.
      const far = readFileSync(join(CONFORMANCE, 's4-32-dhcp-host-ip-outside-subnet.xml'), 'utf8');
      const err = await failure(c.call('network.define', { xml: far }));
      expect(err.kind).toBe('invalid-argument');
      expect(err.message).toMatch(/10\.99\.99\.99, outside the subnet 192\.168\.150\.0\/24/);
      await failure(c.call('network.create', { xml: far }));
      const dhcp = ip4('10.68.0.1', 24, "<dhcp><range start='10.68.0.10' end='10.68.0.20'/></dhcp>");
      await c.call('network.define', { xml: net('hosts', 'vnmgh0', dhcp) });
      const stored = readFileSync(join(dirs.configDir, 'hosts.xml'), 'utf8');
      const upd = await failure(
        c.call('network.update', {
          network: 'hosts',
          command: 'add',
          section: 'ip-dhcp-host',
          xml: "<host mac='52:54:00:00:00:09' ip='10.69.0.9'/>",
          config: true,
        }),
      );
      expect(upd.message).toMatch(
        /52:54:00:00:00:09 has address 10\.69\.0\.9, outside the subnet 10\.68\.0\.0\/24/,
      );
      expect(readFileSync(join(dirs.configDir, 'hosts.xml'), 'utf8')).toBe(stored);
      expect((await c.call('network.list', { filter: 'all' })).map((n) => n.name)).toEqual(['hosts']);
    } finally {
      c.close();
      await vnmd.stop();
    }
  });
});

describe('a second vnmd on the same directories (item 11)', () => {
  it('refuses before it touches anything, naming the first; a stale lock is taken over', async () => {
    const dirs = newDirs();
    const first = await startVnmd(sb.host, { dirs });
    const c = await first.client();
    await c.call('network.define', { xml: net('one', 'vnmgo0', ip4('10.71.0.1', 24)) });
    await c.call('network.start', { network: 'one' });
    const status = readFileSync(join(dirs.runtimeDir, 'networks', 'one.json'), 'utf8');
    const second = await startVnmd(sb.host, { dirs }).then(
      () => null,
      (e: unknown) => String(e),
    );
    expect(second).toMatch(new RegExp(`Another vnmd \\(pid ${first.pid}\\) already manages`));
    expect(second).not.toMatch(/adopted|cleaning up|filled in/);
    // The first one still serves, and nothing it owns changed.
    expect((await c.call('network.info', { network: 'one' })).active).toBe(true);
    expect(readFileSync(join(dirs.runtimeDir, 'networks', 'one.json'), 'utf8')).toBe(status);
    c.close();
    await first.kill();
    const again = await startVnmd(sb.host, { dirs });
    try {
      expect(again.log()).toMatch(/removing stale .*vnmd\.pid \(pid \d+ is gone\)/);
      expect(again.log()).toContain('adopted running network one');
      const c2 = await again.client();
      await c2.call('network.destroy', { network: 'one' });
      c2.close();
    } finally {
      await again.stop();
    }
    expect(existsSync(join(dirs.runtimeDir, 'vnmd.pid'))).toBe(false);
  });
});

describe('a full disk (item 12)', () => {
  it('names the file and the step when a definition cannot be saved', async () => {
    const dirs = newDirs();
    mountTiny(dirs.configDir);
    const vnmd = await startVnmd(sb.host, { dirs });
    const c = await vnmd.client();
    const filler = fill(dirs.configDir);
    try {
      const err = await failure(
        c.call('network.define', { xml: net('full', 'vnmgf0', ip4('10.72.0.1', 24)) }),
      );
      expect(err.kind).toBe('operation-failed');
      expect(err.message).not.toMatch(/Internal error|report this as a bug/);
      expect(err.message).toMatch(
        new RegExp(
          `Could not save ${join(dirs.configDir, 'full.xml')} \\(.+\\): no space left on the device`,
        ),
      );
      expect((await c.call('network.list', { filter: 'all' })).map((n) => n.name)).toEqual([]);
      rmSync(filler);
      await c.call('network.define', { xml: net('full', 'vnmgf0', ip4('10.72.0.1', 24)) });
    } finally {
      c.close();
      await vnmd.stop();
    }
  });

  it.each([
    ["dnsmasq's files (state directory)", 'state', /Could not save .*\/dnsmasq\/fulls\.\w+/],
    ['the runtime status', 'runtime', /Could not save .*\/networks\/fulls\.json/],
  ])(
    'a start that cannot write %s names the file and the step, and leaves nothing running',
    async (_what, where, file) => {
      const dirs = newDirs();
      const dir = where === 'state' ? join(dirs.stateDir, 'dnsmasq') : join(dirs.runtimeDir, 'networks');
      mountTiny(dir);
      const vnmd = await startVnmd(sb.host, { dirs });
      const c = await vnmd.client();
      const filler = fill(dir);
      try {
        const dhcp = ip4('10.74.0.1', 24, "<dhcp><range start='10.74.0.10' end='10.74.0.20'/></dhcp>");
        await c.call('network.define', { xml: net('fulls', 'vnmgfs0', dhcp) });
        const err = await failure(c.call('network.start', { network: 'fulls' }));
        expect(err.message).not.toMatch(/Internal error|report this as a bug/);
        expect(err.message).toMatch(file);
        expect(err.message).toMatch(
          /\((creating a temporary file for|writing|flushing to disk|replacing) it\)/,
        );
        expect(err.message).toMatch(/no space left on the device/);
        expect((await c.call('network.info', { network: 'fulls' })).active).toBe(false);
        expect((await sb.host.tryExec('ip', ['link', 'show', 'vnmgfs0'])).code).not.toBe(0);
        expect(pidsWith(join(dirs.stateDir, 'dnsmasq', 'fulls.conf'))).toEqual([]);
        // With room again, the same start works.
        rmSync(filler);
        await c.call('network.start', { network: 'fulls' });
        await c.call('network.destroy', { network: 'fulls' });
      } finally {
        c.close();
        await vnmd.stop();
      }
    },
  );

  it('keeps tracking a restarted dnsmasq whose status cannot be saved, and saves it later', async () => {
    const dirs = newDirs();
    const statusDir = join(dirs.runtimeDir, 'networks');
    mountTiny(statusDir);
    const vnmd = await startVnmd(sb.host, { dirs });
    const c = await vnmd.client();
    try {
      const dhcp = ip4('10.73.0.1', 24, "<dhcp><range start='10.73.0.10' end='10.73.0.20'/></dhcp>");
      await c.call('network.define', { xml: net('dhcp', 'vnmgdh0', dhcp) });
      await c.call('network.start', { network: 'dhcp' });
      const old = (await c.call('network.info', { network: 'dhcp' })).dnsmasqPid!;
      const conf = join(dirs.stateDir, 'dnsmasq', 'dhcp.conf');
      const events = recordEvents(c);
      await c.call('events.subscribe', { types: ['lifecycle'] });
      const filler = fill(statusDir);
      process.kill(old, 'SIGKILL');
      const restarted = events.received.length;
      await events.waitFor((e) => e.type === 'lifecycle' && e.event === 'dnsmasq-restarted', 15_000);
      await until('the failed save in the log', () => /could not be saved/.test(vnmd.log()));
      const info = await c.call('network.info', { network: 'dhcp' });
      expect(info.dnsmasqPid).not.toBe(old);
      expect(info.problem).toMatch(/runtime status could not be saved.*no space left/);
      expect(pidsWith(conf)).toEqual([info.dnsmasqPid]);
      rmSync(filler);
      const file = join(statusDir, 'dhcp.json');
      await until('the retried save', () => readFileSync(file, 'utf8').includes(`"pid": ${info.dnsmasqPid}`));
      await until('the problem to clear', async () => {
        return (await c.call('network.info', { network: 'dhcp' })).problem === null;
      });
      // One restart, no second dnsmasq started beside the tracked one.
      const died = events.received
        .slice(restarted)
        .filter((r) => r.event.type === 'lifecycle' && r.event.event === 'dnsmasq-died');
      expect(died).toHaveLength(1);
      expect(pidsWith(conf)).toEqual([info.dnsmasqPid]);
      events.stop();
      await c.call('network.destroy', { network: 'dhcp' });
      expect(pidsWith(conf)).toEqual([]);
    } finally {
      c.close();
      await vnmd.stop();
    }
  });
});
