import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import type { NetworkPortDef } from '../../../shared/model/network-port';
import { PortRegistry } from './ports';
import { NetworkTable } from './table';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function registry(): PortRegistry {
  const dir = mkdtempSync(join(tmpdir(), 'vnm-ports-'));
  dirs.push(dir);
  return new PortRegistry(join(dir, 'ports'));
}

const port = (n: number): NetworkPortDef => ({
  uuid: `5d1e8fde-5a24-4e37-a0e8-00000000000${n}`,
  ownerName: 'g',
  ownerUuid: '3f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b',
  mac: `52:54:00:00:00:0${n}`,
  plug: { type: 'network', bridge: 'virbr0' },
});

function table(running: string[]): NetworkTable {
  const t = new NetworkTable();
  for (const name of running) {
    const def: NetworkDef = { name, ips: [], routes: [], portgroups: [] };
    t.set({
      name,
      uuid: '',
      config: def,
      autostart: false,
      live: def,
      status: null,
      problem: null,
      restarts: [],
    });
  }
  return t;
}

describe('PortRegistry', () => {
  it('keeps ports per network in UUID order, refuses a UUID twice, and forgets them all at stop', async () => {
    const r = registry();
    await r.add('a', port(2));
    await r.add('a', port(1));
    await expect(r.add('a', port(1))).rejects.toThrow(/already exists on network 'a'/);
    expect(r.list('a').map((p) => p.mac)).toEqual(['52:54:00:00:00:01', '52:54:00:00:00:02']);
    await r.remove('a', port(1).uuid);
    expect(r.list('a')).toHaveLength(1);
    await r.dropAll('a');
    expect(r.list('a')).toEqual([]);
    expect(existsSync(join(r.dir, 'a'))).toBe(false);
  });

  it("loads the ports of running networks from disk, removes the others', and survives a bad file", async () => {
    const first = registry();
    await first.add('up', port(1));
    await first.add('down', port(2));
    writeFileSync(join(first.dir, 'up', 'junk.xml'), '<networkport>');
    mkdirSync(join(first.dir, 'stray'));
    const again = new PortRegistry(first.dir);
    await again.load(table(['up']));
    expect(again.list('up')).toEqual([port(1)]);
    expect(existsSync(join(first.dir, 'down'))).toBe(false);
    expect(existsSync(join(first.dir, 'stray'))).toBe(false);
  });
});
