import { describe, expect, it } from 'vitest';
import { parseChassisPorts } from './chassis-ports';

const t = (headings: string[], data: unknown[][]) => JSON.stringify({ headings, data });
const u = (id: string) => ['uuid', `00000000-0000-4000-8000-0000000000${id}`];

function output(ovsIds: [string, string][]): string {
  return [
    t(['external_ids'], [[['map', ovsIds]]]),
    t(
      ['name', 'ports'],
      [
        ['br-int', ['set', [u('01'), u('02'), u('03')]]],
        ['br-ext', u('04')],
      ],
    ),
    t(
      ['_uuid', 'interfaces'],
      [
        [u('01'), u('11')],
        [u('02'), u('12')],
        [u('03'), u('13')],
        [u('04'), u('14')],
      ],
    ),
    t(
      ['_uuid', 'name', 'external_ids'],
      [
        [u('11'), 'gp1', ['map', [['iface-id', 'port-a']]]],
        [u('12'), 'br-int', ['map', []]],
        [u('13'), 'ovn-host-b-0', ['map', []]],
        [u('14'), 'eth-ext', ['map', [['iface-id', 'not-on-br-int']]]],
      ],
    ),
  ].join('\n');
}

describe("a chassis's guest interfaces", () => {
  it("lists br-int's interfaces that carry an iface-id, with the chassis's hostname", () => {
    expect(parseChassisPorts(output([['hostname', 'host-a']]), 'machine')).toEqual({
      host: 'host-a',
      interfaces: [{ name: 'gp1', ifaceId: 'port-a' }],
    });
  });

  it('falls back to the system hostname, and follows external_ids:ovn-bridge', () => {
    expect(parseChassisPorts(output([['ovn-bridge', 'br-ext']]), 'machine')).toEqual({
      host: 'machine',
      interfaces: [{ name: 'eth-ext', ifaceId: 'not-on-br-int' }],
    });
  });
});
