import { describe, expect, it } from 'vitest';
import { dnsmasqAccount } from './account';

describe('dnsmasqAccount', () => {
  it('is nobody with its primary group, by name', () => {
    const passwd = 'root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
    const group = 'root:x:0:\nnogroup:x:65534:\n';
    expect(dnsmasqAccount(passwd, group)).toEqual({ user: 'nobody', group: 'nogroup' });
  });

  it('uses the number when the group has no name', () => {
    expect(dnsmasqAccount('nobody:x:99:99::/:/bin/false\n', '')).toEqual({ user: 'nobody', group: '99' });
  });

  it('falls back to root on a system without nobody', () => {
    expect(dnsmasqAccount('root:x:0:0::/root:/bin/sh\n', 'root:x:0:\n')).toEqual({
      user: 'root',
      group: 'root',
    });
  });
});
