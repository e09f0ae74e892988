import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatsSample } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import type { StatsLease } from './inputs';
import { StatsSampler, type StatsSamplerOptions } from './sampler';

/**
 * A fake host on disk: a /proc/net/dev file and a /sys/class/net tree (brif/, port_no,
 * brforward) that the test rewrites between samples. The real ones are covered by the
 * integration test in namespaces; this one controls counters and time exactly.
 */
class FakeHostFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'vnm-stats-'));
  readonly procNetDev = join(this.dir, 'net-dev');
  readonly sysNet = join(this.dir, 'sys');
  private readonly rows = new Map<string, [number, number, number, number]>();

  /** Set rx/tx bytes and packets of an interface (created if new). */
  set(
    dev: string,
    rxBytes: number,
    txBytes: number,
    rxPackets = rxBytes >> 6,
    txPackets = txBytes >> 6,
  ): void {
    this.rows.set(dev, [rxBytes, rxPackets, txBytes, txPackets]);
    this.flush();
  }

  remove(dev: string): void {
    this.rows.delete(dev);
    this.flush();
  }

  /** The bridge's ports (number i+1 each) and the MACs learned on them (port index → MAC). */
  bridge(name: string, ports: string[], learned: Record<number, string> = {}): void {
    rmSync(join(this.sysNet, name), { recursive: true, force: true });
    ports.forEach((p, i) => {
      mkdirSync(join(this.sysNet, name, 'brif', p), { recursive: true });
      writeFileSync(join(this.sysNet, name, 'brif', p, 'port_no'), `0x${(i + 1).toString(16)}\n`);
    });
    mkdirSync(join(this.sysNet, name, 'brif'), { recursive: true });
    const entries = Object.entries(learned).map(([i, mac]) => {
      const b = Buffer.alloc(16);
      mac.split(':').forEach((h, k) => (b[k] = Number.parseInt(h, 16)));
      b[6] = Number(i) + 1;
      return b;
    });
    writeFileSync(join(this.sysNet, name, 'brforward'), Buffer.concat(entries));
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private flush(): void {
    const head = 'Inter-|   Receive |  Transmit\n face |bytes packets ...|bytes packets ...\n';
    const lines = [...this.rows].map(
      ([dev, [rb, rp, tb, tp]]) => `${dev.padStart(6)}: ${rb} ${rp} 0 0 0 0 0 0 ${tb} ${tp} 0 0 0 0 0 0`,
    );
    writeFileSync(this.procNetDev, head + lines.join('\n') + '\n');
  }
}

let host: FakeHostFiles;
let wall = 1_700_000_000_000;
let mono = 0;
const advance = (ms: number) => {
  wall += ms;
  mono += ms;
};
const leases: StatsLease[] = [{ mac: '52:54:00:AA:00:01', ip: '192.168.122.10', hostname: 'alpha' }];

function makeSampler(extra: Partial<StatsSamplerOptions> = {}): StatsSampler {
  return new StatsSampler({
    listNetworks: () => [{ name: 'default', bridge: 'virbr0', leases: () => leases }],
    onSample: () => undefined,
    procNetDev: host.procNetDev,
    sysNet: host.sysNet,
    wallClock: () => wall,
    monoClock: () => mono,
    ...extra,
  });
}

beforeEach(() => {
  host = new FakeHostFiles();
  host.set('lo', 1, 1);
  host.set('virbr0', 10_000, 20_000);
  host.set('vnet0', 1_000_000, 2_000_000);
  host.set('vnet1', 500, 700);
  host.bridge('virbr0', ['vnet1', 'vnet0'], { 0: '52:54:00:aa:00:01', 1: '52:54:00:bb:00:02' });
});
afterEach(() => host.cleanup());

describe('StatsSampler.sampleOnce', () => {
  it('produces the contract shape: bridge, ports with guest MAC and lease, total = sum of ports', () => {
    const [s, ...rest] = makeSampler().sampleOnce();
    expect(rest).toEqual([]);
    expect(StatsSample.safeParse(s).success).toBe(true);
    expect(s!.bridge).toMatchObject({ name: 'virbr0', rxBytes: 10_000, txBytes: 20_000 });
    expect(s!.ports.map((p) => [p.name, p.mac, p.ip, p.hostname])).toEqual([
      ['vnet0', '52:54:00:bb:00:02', null, null],
      ['vnet1', '52:54:00:aa:00:01', '192.168.122.10', 'alpha'],
    ]);
    expect(s!.total).toMatchObject({ name: 'total', rxBytes: 1_000_500, txBytes: 2_000_700 });
    expect(s!.time).toBe(wall);
    expect(s!.interval).toBe(1);
  });

  it('computes rates over the elapsed time; the total rate is the sum of the port rates', () => {
    const sampler = makeSampler();
    sampler.sampleOnce();
    advance(2000);
    host.set('virbr0', 14_000, 20_000);
    host.set('vnet0', 3_000_000, 2_000_000);
    host.set('vnet1', 1500, 1700);
    const [s] = sampler.sampleOnce();
    expect(s!.bridge.rxBytesPerSec).toBe(2000);
    expect(s!.ports.map((p) => [p.rxBytesPerSec, p.txBytesPerSec])).toEqual([
      [1_000_000, 0],
      [500, 500],
    ]);
    expect([s!.total.rxBytesPerSec, s!.total.txBytesPerSec]).toEqual([1_000_500, 500]);
  });

  it('a port re-created (counters reset) or leaving gives no negative rate', () => {
    const sampler = makeSampler();
    sampler.sampleOnce();
    advance(1000);
    host.set('vnet0', 40, 80); // deleted and re-created between two reads
    const [s] = sampler.sampleOnce();
    const vnet0 = s!.ports.find((p) => p.name === 'vnet0')!;
    expect([vnet0.rxBytesPerSec, vnet0.txBytesPerSec]).toEqual([0, 0]);
    advance(1000);
    host.remove('vnet1');
    host.bridge('virbr0', ['vnet0'], { 0: '52:54:00:cc:00:03' });
    const [s2] = sampler.sampleOnce();
    expect(s2!.ports.map((p) => p.name)).toEqual(['vnet0']);
    expect(s2!.total.rxBytes).toBe(40);
    for (const x of [s!, s2!]) {
      for (const c of [x.bridge, x.total, ...x.ports]) {
        expect(c.rxBytesPerSec).toBeGreaterThanOrEqual(0);
        expect(c.txBytesPerSec).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('forgets a guest MAC when its port resets, and learns the new one', () => {
    const sampler = makeSampler();
    sampler.sampleOnce();
    advance(1000);
    host.set('vnet0', 10, 10); // another guest: nothing learned from it yet
    host.bridge('virbr0', ['vnet1', 'vnet0'], { 0: '52:54:00:aa:00:01' });
    const [s] = sampler.sampleOnce();
    expect(s!.ports.find((p) => p.name === 'vnet0')!.mac).toBeNull();
    advance(1000);
    host.set('vnet0', 2000, 10); // it sent frames: the bridge learned its MAC
    host.bridge('virbr0', ['vnet1', 'vnet0'], { 0: '52:54:00:aa:00:01', 1: '52:54:00:dd:00:04' });
    const [s2] = sampler.sampleOnce();
    expect(s2!.ports.find((p) => p.name === 'vnet0')!.mac).toBe('52:54:00:dd:00:04');
  });

  it('skips a network whose bridge is not up, and drops its history when it is no longer listed', () => {
    let nets = [
      { name: 'default', bridge: 'virbr0', leases: () => leases },
      { name: 'other', bridge: 'virbr9', leases: () => [] },
    ];
    const sampler = makeSampler({ listNetworks: () => nets });
    expect(sampler.sampleOnce().map((s) => s.network)).toEqual(['default']);
    expect(sampler.history('default', 60)).toHaveLength(1);
    nets = [];
    expect(sampler.sampleOnce()).toEqual([]);
    expect(sampler.history('default', 60)).toEqual([]);
  });

  it('names a port from a lease that appears later, within a few ticks', () => {
    let current: StatsLease[] = [];
    const sampler = makeSampler({
      listNetworks: () => [{ name: 'default', bridge: 'virbr0', leases: () => current }],
    });
    expect(sampler.sampleOnce()[0]!.ports.find((p) => p.name === 'vnet1')!.ip).toBeNull();
    current = leases;
    const ips: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      advance(1000);
      ips.push(sampler.sampleOnce()[0]!.ports.find((p) => p.name === 'vnet1')!.ip);
    }
    expect(ips.at(-1)).toBe('192.168.122.10');
  });

  it('serves history for the asked window, oldest first', () => {
    const sampler = makeSampler();
    for (let i = 0; i < 5; i++) {
      sampler.sampleOnce();
      advance(1000);
    }
    const h = sampler.history('default', 2.5);
    expect(h.map((s) => s.time)).toEqual([wall - 2000, wall - 1000]);
  });
});

describe('StatsSampler timer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('samples every interval once started, changes interval, stops when off or stopped', () => {
    const onSample = vi.fn();
    const sampler = makeSampler({ onSample });
    sampler.start();
    vi.advanceTimersByTime(3000);
    expect(onSample).toHaveBeenCalledTimes(3);
    sampler.setInterval(0.5);
    vi.advanceTimersByTime(1000);
    expect(onSample).toHaveBeenCalledTimes(5);
    expect((onSample.mock.calls[4]![0] as StatsSample[])[0]!.interval).toBe(0.5);
    sampler.setInterval(null);
    expect(sampler.intervalSec).toBeNull();
    vi.advanceTimersByTime(5000);
    expect(onSample).toHaveBeenCalledTimes(5);
    sampler.setInterval(2);
    vi.advanceTimersByTime(4000);
    expect(onSample).toHaveBeenCalledTimes(7);
    sampler.stop();
    vi.advanceTimersByTime(10_000);
    expect(onSample).toHaveBeenCalledTimes(7);
  });

  it("keeps a quiet guest's MAC across a pause, though its FDB entry aged out", () => {
    const onSample = vi.fn();
    const sampler = makeSampler({ onSample });
    sampler.start();
    vi.advanceTimersByTime(1000);
    host.bridge('virbr0', ['vnet1', 'vnet0'], {}); // entries aged out; the guests say nothing
    sampler.setInterval(null);
    sampler.setInterval(1);
    vi.advanceTimersByTime(1000);
    const last = onSample.mock.calls.at(-1)![0] as StatsSample[];
    expect(last[0]!.ports.map((p) => p.mac)).toEqual(['52:54:00:bb:00:02', '52:54:00:aa:00:01']);
    sampler.stop();
  });

  it('reports a failing tick and keeps sampling', () => {
    const onError = vi.fn();
    const sampler = makeSampler({ procNetDev: join(host.dir, 'missing'), onError });
    sampler.start();
    vi.advanceTimersByTime(2000);
    expect(onError).toHaveBeenCalledTimes(2);
    sampler.stop();
  });

  it('refuses an interval outside 0.5..60 s with a sentence saying what to give', () => {
    const sampler = makeSampler();
    for (const bad of [0, 0.4, 61, Number.NaN]) {
      expect(() => sampler.setInterval(bad)).toThrow(VnmError);
    }
    expect(() => sampler.setInterval(0.2)).toThrow(/give 0.5 to 60 seconds, or off/);
    expect(sampler.intervalSec).toBe(1);
  });
});
