import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../../shared/net/cidr';
import { routeConflictError, routeConflictIn, type HostRoute } from './routes';

describe('routeConflictIn', () => {
  const routes: HostRoute[] = [
    { dst: '0.0.0.0/0', dev: 'eth0', family: 4 },
    { dst: '192.168.1.0/24', dev: 'eth0', family: 4 },
    { dst: '10.8.0.0/16', dev: 'tun0', family: 4 },
    { dst: 'fd00:1::/64', dev: 'virbr3', family: 6 },
  ];

  it('finds the same network and prefix, as libvirt does, naming the interface', () => {
    expect(routeConflictIn(routes, parseCidr('192.168.1.77/24'))).toEqual({
      dev: 'eth0',
      route: '192.168.1.0/24',
    });
    expect(routeConflictIn(routes, parseCidr('fd00:1::1/64'))).toEqual({
      dev: 'virbr3',
      route: 'fd00:1::/64',
    });
  });

  it('lets through subnets that are only inside or around a route, and the default route', () => {
    expect(routeConflictIn(routes, parseCidr('10.8.1.0/24'))).toBeNull();
    expect(routeConflictIn(routes, parseCidr('192.168.0.0/16'))).toBeNull();
    expect(routeConflictIn(routes, parseCidr('192.168.1.0/24'), 'eth0')).toBeNull();
  });
});

describe('routeConflictError', () => {
  it('says what libvirt says, and what to do', () => {
    const e = routeConflictError('192.168.1.0/24', { dev: 'eth0', route: '192.168.1.0/24' });
    expect(e.kind).toBe('conflict');
    expect(e.message).toBe(
      'Network is already in use by interface eth0 (route 192.168.1.0/24); choose another subnet than 192.168.1.0/24.',
    );
  });
});
