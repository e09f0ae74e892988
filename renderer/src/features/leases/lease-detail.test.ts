import { describe, expect, it } from 'vitest';
import type { Lease } from '@shared/rpc/contract';
import { leaseDetail } from './leases-tab';

const lease = (rest: Partial<Lease>): Lease =>
  ({ protocol: 'ipv4', ip: '192.168.122.10', ipPrefix: '192.168.122.10/24', expiry: 0, ...rest }) as Lease;

describe('the narrow leases table’s detail line', () => {
  it('carries the protocol and, when there is one, the client ID the hidden columns held', () => {
    expect(leaseDetail(lease({}))).toBe('IPv4');
    expect(leaseDetail(lease({ protocol: 'ipv6', clientId: '00:04:aa:bb' }))).toBe(
      'IPv6 · client ID 00:04:aa:bb',
    );
  });
});
