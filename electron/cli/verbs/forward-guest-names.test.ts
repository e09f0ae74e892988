import { describe, expect, it } from 'vitest';
import type { PortForward } from '../../../shared/model/port-forward';
import { leaseOf, networkWithHosts } from '../../../shared/rpc/forward-guest-fixtures';
import { guestNames, withGuestNames } from './forward-guest-names';

const lease = (ip: string, hostname: string | null) => leaseOf(ip, hostname);

const def = networkWithHosts([
  { mac: '52:54:00:00:00:02', name: 'web', ip: '192.168.122.20' },
  { mac: '52:54:00:00:00:03', ip: '192.168.122.30' },
]);

const forward = (guestAddress: string): PortForward => ({
  protocol: 'tcp',
  hostPort: { start: 80, end: 80 },
  guestAddress,
  guestPort: { start: 80, end: 80 },
});

describe('guest names of forwards', () => {
  it('names a guest by its static host, over what its lease says', () => {
    const names = guestNames(def, [lease('192.168.122.20', 'localhost'), lease('192.168.122.50', 'db')]);
    const rows = withGuestNames([forward('192.168.122.20'), forward('192.168.122.50')], names);
    expect(rows.map((r) => r.guestName)).toEqual(['web', 'db']);
  });

  it('is null for an address nobody names: no lease, a nameless static host, a lease without hostname', () => {
    const names = guestNames(def, [lease('192.168.122.60', null)]);
    const rows = withGuestNames(
      [forward('192.168.122.99'), forward('192.168.122.30'), forward('192.168.122.60')],
      names,
    );
    expect(rows.map((r) => r.guestName)).toEqual([null, null, null]);
  });

  it('matches IPv6 addresses however they are written', () => {
    const names = guestNames(null, [lease('fd00:0:0::0010', 'v6host')]);
    expect(withGuestNames([forward('fd00::10')], names)[0]!.guestName).toBe('v6host');
  });
});
