import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ovnConfig } from './config';
import type { OvnGuestPort } from './guest-ports';
import { interfaceCounters, OvnLocalPortsReader, REUSE_MS } from './local-ports';

const lsp = (uuid: string, port: string): OvnGuestPort => ({
  networkUuid: uuid,
  network: `net-${uuid}`,
  port,
  mac: '52:54:00:00:00:01',
  ip: '10.20.0.100',
  up: true,
});

describe('ovn.localPorts', () => {
  it('reuses the match of interfaces to logical ports while no interface comes or goes, for 10 s at most', async () => {
    let key = 'lo gp1';
    let now = 0;
    let finds = 0;
    let rx = 100;
    const reader = new OvnLocalPortsReader({
      interfacesKey: () => key,
      now: () => now,
      find: () => {
        finds++;
        return Promise.resolve({
          host: 'host-b',
          matches: [
            { iface: 'gp1', lsp: lsp('u1', 'p1') },
            { iface: 'gp2', lsp: lsp('u2', 'p2') },
          ],
        });
      },
      counters: (iface) => Promise.resolve(iface === 'gp1' ? [rx, 2, 3, 4, 5, 6, 7, 8] : null),
    });
    const cfg = ovnConfig({});
    const first = await reader.read(cfg);
    expect(first).toMatchObject({ host: 'host-b', ports: [{ interface: 'gp1', port: 'p1', rxBytes: 100 }] });
    rx = 200;
    expect((await reader.read(cfg, ['u1'])).ports[0]!.rxBytes).toBe(200); // counters fresh
    expect((await reader.read(cfg, ['u2'])).ports).toEqual([]); // gp2 has no counters here
    expect(finds).toBe(1);
    key = 'lo gp1 gp3';
    await reader.read(cfg);
    expect(finds).toBe(2);
    now += REUSE_MS;
    await reader.read(cfg);
    expect(finds).toBe(3);
  });

  it('reads raw counters from sysfs, and none for a name that is not an interface there', async () => {
    const sys = mkdtempSync(join(tmpdir(), 'vnm-sysnet-'));
    try {
      mkdirSync(join(sys, 'gp1', 'statistics'), { recursive: true });
      const files = ['rx_bytes', 'tx_bytes', 'rx_packets', 'tx_packets'];
      files.push('rx_errors', 'tx_errors', 'rx_dropped', 'tx_dropped');
      files.forEach((f, i) => writeFileSync(join(sys, 'gp1', 'statistics', f), `${i + 1}\n`));
      expect(await interfaceCounters('gp1', sys)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(await interfaceCounters('gone', sys)).toBeNull();
      expect(await interfaceCounters('../gp1', sys)).toBeNull();
    } finally {
      rmSync(sys, { recursive: true, force: true });
    }
  });
});
