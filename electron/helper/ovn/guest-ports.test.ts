import { describe, expect, it } from 'vitest';
import { guestPortOf, jsonLines, parseLspAddress } from './guest-ports';
import { parseOvsdbTable } from './ovsdb-json';

const HEAD = ['name', 'addresses', 'dynamic_addresses', 'up', 'external_ids'];
const TAGS = [
  ['vnm-network', 'lab'],
  ['vnm-port', 'p'],
  ['vnm-uuid', 'u1'],
];

function row(cells: unknown[]) {
  return parseOvsdbTable(JSON.stringify({ headings: HEAD, data: [cells] }))[0]!;
}

describe('guest ports in the northbound database', () => {
  it('reads "MAC IP…" entries, and nothing from "dynamic", "router" or "unknown"', () => {
    expect(parseLspAddress('52:54:00:AB:00:01 10.20.0.5 fd00::5')).toEqual({
      mac: '52:54:00:ab:00:01',
      ip: '10.20.0.5',
    });
    expect(parseLspAddress('52:54:00:ab:00:01 dynamic')).toEqual({ mac: '52:54:00:ab:00:01', ip: null });
    for (const e of ['router', 'unknown', 'dynamic', ''])
      expect(parseLspAddress(e)).toEqual({ mac: null, ip: null });
  });

  it("takes OVN's dynamic address first, a static one otherwise, and `up` as bound", () => {
    const dynamic = row([
      'p',
      '52:54:00:00:00:01 dynamic',
      '52:54:00:00:00:01 10.20.0.100',
      true,
      ['map', TAGS],
    ]);
    expect(guestPortOf(dynamic)).toEqual({
      networkUuid: 'u1',
      network: 'lab',
      port: 'p',
      mac: '52:54:00:00:00:01',
      ip: '10.20.0.100',
      up: true,
    });
    const fixed = row(['p', '52:54:00:00:00:02 10.20.0.7', ['set', []], false, ['map', TAGS]]);
    expect(guestPortOf(fixed)).toMatchObject({ ip: '10.20.0.7', up: false });
    const waiting = row(['p', '52:54:00:00:00:03 dynamic', ['set', []], ['set', []], ['map', TAGS]]);
    expect(guestPortOf(waiting)).toMatchObject({ mac: '52:54:00:00:00:03', ip: null, up: false });
  });

  it("leaves out the router's ports (no vnm-port) and other tools' ports", () => {
    const router = row([
      'vnm-lab-rp',
      'router',
      ['set', []],
      true,
      ['map', TAGS.filter(([k]) => k !== 'vnm-port')],
    ]);
    expect(guestPortOf(router)).toBeNull();
    expect(guestPortOf(row(['x', '52:54:00:00:00:09', ['set', []], true, ['map', []]]))).toBeNull();
  });

  it('splits the tables of several commands, one per line', () => {
    expect(jsonLines('{"a":1}\n\n{"b":2}\n')).toEqual(['{"a":1}', '{"b":2}']);
  });
});
