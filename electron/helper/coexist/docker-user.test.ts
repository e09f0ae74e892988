import { describe, expect, it } from 'vitest';
import { acceptSpecs, dockerComment, taggedDeletes } from './docker-user';

const plan = {
  network: 'default',
  bridge: 'virbr0',
  mode: 'nat' as const,
  ipv4: [{ subnet: '192.168.122.1/24' }],
  ipv6: [],
  nat: {},
};

describe('Docker accepts', () => {
  it('are tagged, and NAT lets only replies in', () => {
    expect(acceptSpecs(plan, 'ip').map((s) => s.join(' '))).toEqual([
      '-i virbr0 -o virbr0 -m comment --comment vnm:default -j ACCEPT',
      '-i virbr0 -s 192.168.122.1/24 -m comment --comment vnm:default -j ACCEPT',
      '-o virbr0 -d 192.168.122.1/24 -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment vnm:default -j ACCEPT',
    ]);
    expect(acceptSpecs(plan, 'ip6')).toEqual([]);
    expect(acceptSpecs({ ...plan, mode: 'isolated' }, 'ip')).toEqual([]);
  });

  it('removal finds exactly the tagged rules, quoted as iptables -S prints them', () => {
    const listing = [
      '-N DOCKER-USER',
      '-A DOCKER-USER -s 10.0.0.0/24 -i vnmx -m comment --comment "vnm:default" -j ACCEPT',
      '-A DOCKER-USER -s 10.0.0.0/24 -i vnmx -m comment --comment "vnm:default2" -j ACCEPT',
      '-A DOCKER-USER -j RETURN',
    ].join('\n');
    expect(taggedDeletes(listing, 'default')).toEqual([
      [
        '-D',
        'DOCKER-USER',
        '-s',
        '10.0.0.0/24',
        '-i',
        'vnmx',
        '-m',
        'comment',
        '--comment',
        'vnm:default',
        '-j',
        'ACCEPT',
      ],
    ]);
    expect(dockerComment('a b')).toBe('vnm:vnm_a_20b');
  });
});
