import { describe, expect, it } from 'vitest';
import type { NetworkSummary } from '../../../shared/rpc/contract';
import { filterNetworks, formatNetList } from './net-list';

const net = (name: string, active: boolean, persistent: boolean, autostart: boolean) =>
  ({ name, uuid: `${name}-uuid`, active, persistent, autostart, bridge: null }) as unknown as NetworkSummary;

const NETS = [net('b', true, true, true), net('A', false, true, false), net('t', true, false, false)];
const names = (flags: string[]) => filterNetworks(NETS, new Set(flags)).map((n) => n.name);

describe('net-list filters, as virsh', () => {
  it.each([
    [[], ['A', 'b', 't']],
    [['persistent'], ['A', 'b']],
    [['transient'], ['t']],
    [
      ['persistent', 'transient'],
      ['A', 'b', 't'],
    ],
    [['autostart'], ['b']],
    [['no-autostart'], ['A', 't']],
    [['persistent', 'no-autostart'], ['A']],
  ])('%j keeps %j (sorted without case)', (flags, kept) => {
    expect(names(flags)).toEqual(kept);
  });

  it('prints the table without trailing spaces, and without header under -q', () => {
    expect(formatNetList(NETS.slice(0, 1))).toBe(
      ' Name   State    Autostart   Persistent\n-----------------------------------------\n b      active   yes         yes\n',
    );
    expect(formatNetList(NETS.slice(0, 1), false)).toBe(' b   active   yes   yes\n');
  });
});
