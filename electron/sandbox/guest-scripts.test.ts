import { describe, expect, it } from 'vitest';
import { guestMac } from './guest';
import { parseLeaseFile } from './guest-scripts';

describe('guest lease file', () => {
  it('reads what the udhcpc script wrote', () => {
    expect(parseLeaseFile('ip=192.168.122.10\nmask=24\nrouter=192.168.122.1\n')).toEqual({
      ip: '192.168.122.10',
      router: '192.168.122.1',
    });
    expect(parseLeaseFile('ip=10.77.0.10\nmask=24\nrouter=\n')).toEqual({ ip: '10.77.0.10', router: null });
  });

  it('is no lease while empty or cut short', () => {
    expect(parseLeaseFile('')).toBeNull();
    expect(parseLeaseFile('mask=24\n')).toBeNull();
  });
});

describe('guest MAC', () => {
  it('is stable, under 52:54:00, and differs by network and name', () => {
    expect(guestMac('default', 'fedora')).toBe(guestMac('default', 'fedora'));
    expect(guestMac('default', 'fedora')).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
    expect(guestMac('default', 'fedora')).not.toBe(guestMac('lab', 'fedora'));
    expect(guestMac('default', 'fedora')).not.toBe(guestMac('default', 'debian'));
  });
});
