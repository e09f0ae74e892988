import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatsSample } from '../../../shared/rpc/contract';
import type { OvnStatsPort, StatsNetwork } from './inputs';
import { StatsSampler } from './sampler';

/** A fake /proc/net/dev: the real one is read in the OVN integration test, this one is set exactly. */
let dir: string;
let procNetDev: string;
function counters(rows: Record<string, [number, number]>): void {
  const lines = Object.entries(rows).map(
    ([dev, [rx, tx]]) => `${dev.padStart(6)}: ${rx} ${rx >> 6} 0 0 0 0 0 0 ${tx} ${tx >> 6} 0 0 0 0 0 0`,
  );
  writeFileSync(
    procNetDev,
    `Inter-|   Receive |  Transmit\n face |bytes packets|bytes packets\n${lines.join('\n')}\n`,
  );
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vnm-ovn-stats-'));
  procNetDev = join(dir, 'net-dev');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('an OVN network in the sampler', () => {
  it("counts the guest interfaces the driver found, with OVN's address and the chassis, and zeros for br-int", () => {
    counters({ 'br-int': [9_999, 9_999], gp1: [6_400, 12_800], gp2: [640, 1_280], other: [1, 1] });
    const asked: boolean[] = [];
    let found: OvnStatsPort[] = [{ interface: 'gp1', mac: '52:54:00:00:00:01', ip: '10.20.0.100' }];
    const net: StatsNetwork = {
      name: 'span',
      bridge: 'br-int',
      leases: () => [],
      ovn: {
        host: () => 'host-a',
        ports: (changed) => (asked.push(changed), found),
      },
    };
    let wall = 1_700_000_000_000;
    const sampler = new StatsSampler({
      listNetworks: () => [net],
      onSample: () => undefined,
      procNetDev,
      sysNet: join(dir, 'sys'),
      wallClock: () => wall,
      monoClock: () => wall,
    });
    const [s] = sampler.sampleOnce();
    expect(StatsSample.safeParse(s).success).toBe(true);
    expect(s!.bridge).toMatchObject({ name: 'br-int', rxBytes: 0, txBytes: 0, rxPackets: 0 });
    expect(s!.ports).toEqual([
      expect.objectContaining({
        name: 'gp1',
        rxBytes: 6_400,
        txBytes: 12_800,
        mac: '52:54:00:00:00:01',
        ip: '10.20.0.100',
        hostname: null,
        host: 'host-a',
      }),
    ]);
    expect(s!.total).toMatchObject({ rxBytes: 6_400, txBytes: 12_800 });
    // A guest plugged since: the driver finds it; a port whose interface went is left out.
    found = [...found, { interface: 'gp2', mac: null, ip: null }, { interface: 'gone', mac: null, ip: null }];
    wall += 1000;
    counters({ 'br-int': [9_999, 9_999], gp1: [7_400, 12_800], gp2: [640, 1_280] });
    const [s2] = sampler.sampleOnce();
    expect(s2!.ports.map((p) => [p.name, p.rxBytesPerSec, p.host])).toEqual([
      ['gp1', 1000, 'host-a'],
      ['gp2', 0, 'host-a'],
    ]);
    expect(asked[1]).toBe(true); // 'other' left: interfaces changed, so the driver is asked to look again
    expect(
      sampler
        .history('span', 10)
        .at(-1)!
        .ports.map((p) => p.host),
    ).toEqual(['host-a', 'host-a']);
  });
});
