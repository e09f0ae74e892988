import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isolateCommand, portIsolated, unisolatedPorts } from './port-isolation';

/** A sysfs-shaped tree: bridge br0 with the given ports and their isolated flags. */
function fakeSysNet(root: string, ports: Record<string, '0' | '1' | null>): void {
  mkdirSync(join(root, 'br0/brif'), { recursive: true });
  for (const [port, flag] of Object.entries(ports)) {
    mkdirSync(join(root, 'br0/brif', port));
    mkdirSync(join(root, port, 'brport'), { recursive: true });
    if (flag !== null) writeFileSync(join(root, port, 'brport/isolated'), `${flag}\n`);
  }
}

let root = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vnm-iso-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('port isolation', () => {
  it('lists only the ports whose flag is off', () => {
    fakeSysNet(root, { vnet0: '0', vnet1: '1', vnet2: '0' });
    expect(unisolatedPorts('br0', root).sort()).toEqual(['vnet0', 'vnet2']);
  });

  it('skips a port that left meanwhile, and a bridge that is gone', () => {
    fakeSysNet(root, { vnet0: null });
    expect(portIsolated('vnet0', root)).toBeNull();
    expect(unisolatedPorts('br0', root)).toEqual([]);
    expect(unisolatedPorts('nosuchbr', root)).toEqual([]);
  });

  it('sets the flag with ip link ... type bridge_slave isolated on', () => {
    expect(isolateCommand('vnet3')).toEqual([
      'link',
      'set',
      'dev',
      'vnet3',
      'type',
      'bridge_slave',
      'isolated',
      'on',
    ]);
  });
});
