import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VnmError } from '../../../shared/rpc/errors';
import { enableIpv4Forwarding, readSysctl, setBridgeIpv6, writeSysctl } from './sysctl';

// A stand-in /proc/sys in a temporary folder, passed to every call: these tests never touch
// the machine's own.
let root: string;
const file = (key: string) => join(root, key);
function put(key: string, value: string) {
  mkdirSync(join(file(key), '..'), { recursive: true });
  writeFileSync(file(key), `${value}\n`);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vnm-sysctl-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('sysctl', () => {
  it('writes a value and its undo restores the one before', async () => {
    put('net/ipv4/ip_forward', '0');
    const undo = await enableIpv4Forwarding(root);
    expect(readFileSync(file('net/ipv4/ip_forward'), 'utf8')).toBe('1\n');
    await undo();
    expect(await readSysctl('net/ipv4/ip_forward', root)).toBe('0');
  });

  it("sets a bridge's IPv6 as libvirt does and undoes all of it", async () => {
    put('net/ipv6/conf/virbr0/disable_ipv6', '0');
    put('net/ipv6/conf/virbr0/accept_ra', '1');
    put('net/ipv6/conf/virbr0/autoconf', '1');
    const undo = await setBridgeIpv6('virbr0', false, root);
    const read = () =>
      Promise.all(
        ['disable_ipv6', 'accept_ra', 'autoconf'].map((k) => readSysctl(`net/ipv6/conf/virbr0/${k}`, root)),
      );
    expect(await read()).toEqual(['1', '0', '0']);
    await undo();
    expect(await read()).toEqual(['0', '1', '1']);
  });

  it('turns IPv6 on without duplicate address detection, and undoes that too', async () => {
    const keys = ['disable_ipv6', 'accept_ra', 'autoconf', 'accept_dad'];
    for (const k of keys) put(`net/ipv6/conf/virbr0/${k}`, '1');
    const read = () => Promise.all(keys.map((k) => readSysctl(`net/ipv6/conf/virbr0/${k}`, root)));
    const undo = await setBridgeIpv6('virbr0', true, root);
    expect(await read()).toEqual(['0', '0', '0', '0']);
    await undo();
    expect(await read()).toEqual(['1', '1', '1', '1']);
  });

  it('undoes what it did when a later write fails', async () => {
    put('net/ipv6/conf/virbr0/disable_ipv6', '1');
    await expect(setBridgeIpv6('virbr0', true, root)).rejects.toThrow(VnmError);
    expect(await readSysctl('net/ipv6/conf/virbr0/disable_ipv6', root)).toBe('1');
  });

  it('has nothing to disable on a host without IPv6', async () => {
    const undo = await setBridgeIpv6('virbr0', false, root);
    await expect(undo()).resolves.toBeUndefined();
  });

  it('refuses keys outside net/ and paths that climb', async () => {
    await expect(writeSysctl('kernel/hostname', 'x', root)).rejects.toThrow('only touches net/');
    await expect(readSysctl('net/../kernel/hostname', root)).rejects.toThrow(VnmError);
    await expect(setBridgeIpv6('..', false, root)).rejects.toThrow('bridge name');
  });
});
