import { describe, expect, it } from 'vitest';
import { leaseOf, networkWithHosts } from '@shared/rpc/forward-guest-fixtures';
import { guestAt, guestChoices, guestLabel } from './forward-guests';

const def = networkWithHosts([
  { mac: '52:54:00:00:00:01', name: 'db', ip: '192.168.122.5' },
  { mac: '52:54:00:00:00:02', ip: '192.168.122.6' },
  { mac: '52:54:00:00:00:03', name: 'no-address' },
]);

const lease = leaseOf;

describe('guestChoices', () => {
  it('lists static hosts as reserved and dynamic leases as not, one entry per address', () => {
    const choices = guestChoices(def, [
      lease('192.168.122.6', 'cache', '52:54:00:00:00:02'),
      lease('192.168.122.50', 'web', '52:54:00:00:00:09'),
    ]);
    expect(choices).toEqual([
      { address: '192.168.122.5', hostname: 'db', mac: '52:54:00:00:00:01', reserved: true },
      // The lease names a static host that has no name of its own.
      { address: '192.168.122.6', hostname: 'cache', mac: '52:54:00:00:00:02', reserved: true },
      { address: '192.168.122.50', hostname: 'web', mac: '52:54:00:00:00:09', reserved: false },
    ]);
  });

  it('works before the definition is read, from leases alone', () => {
    expect(guestChoices(null, [lease('fd00::50', null, null)])).toEqual([
      { address: 'fd00::50', hostname: null, mac: null, reserved: false },
    ]);
  });
});

describe('guestAt', () => {
  it('finds a guest by any spelling of its address, and nothing for empty text', () => {
    const choices = guestChoices(null, [lease('fd00::50', 'v6', null)]);
    expect(guestAt(choices, 'fd00:0:0::0050')?.hostname).toBe('v6');
    expect(guestAt(choices, ' ')).toBeUndefined();
    expect(guestAt(choices, 'fd00::51')).toBeUndefined();
  });
});

describe('guestLabel', () => {
  it('joins what is known, skipping what is not', () => {
    expect(
      guestLabel({ address: '192.168.122.5', hostname: 'db', mac: '52:54:00:00:00:01', reserved: true }),
    ).toBe('db — 192.168.122.5 — 52:54:00:00:00:01');
    expect(guestLabel({ address: '192.168.122.7', hostname: null, mac: null, reserved: false })).toBe(
      '192.168.122.7',
    );
  });
});
