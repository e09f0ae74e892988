import { describe, expect, it } from 'vitest';
import { parseSshUri, sshDestination } from './ssh-uri';

describe('vnm+ssh URIs', () => {
  it('reads user, host, port and the default remote command', () => {
    const t = parseSshUri('vnm+ssh://admin@vm-host.example:2222/system');
    expect(t).toMatchObject({ kind: 'ssh', user: 'admin', host: 'vm-host.example', port: 2222 });
    expect(t).toMatchObject({ readOnly: false, noVerify: false, command: 'vnm' });
    expect(sshDestination(t)).toBe('admin@vm-host.example');
  });

  it('needs neither user, port nor path', () => {
    const t = parseSshUri('vnm+ssh://host');
    expect(t.user).toBeUndefined();
    expect(t.port).toBeUndefined();
    expect(sshDestination(t)).toBe('host');
  });

  it('reads libvirt-named parameters', () => {
    const t = parseSshUri(
      'vnm+ssh://u@192.0.2.7/?socket=/run/vnm/x.sock&ro=1&keyfile=/k/id&known_hosts=/k/kh&command=/opt/vnm/bin/vnm&no_verify=1',
    );
    expect(t).toMatchObject({
      host: '192.0.2.7',
      socket: '/run/vnm/x.sock',
      readOnly: true,
      keyfile: '/k/id',
      knownHosts: '/k/kh',
      command: '/opt/vnm/bin/vnm',
      noVerify: true,
    });
  });

  it('takes an IPv6 literal in brackets, and percent-encoded user names', () => {
    expect(parseSshUri('vnm+ssh://a.b@[2001:db8::1]:22').host).toBe('2001:db8::1');
    expect(parseSshUri('vnm+ssh://a%2Eb@h').user).toBe('a.b');
  });

  it.each([
    ['vnm+ssh://', /host is missing/],
    ['vnm+ssh://h:99999', /not a valid URI/],
    ['vnm+ssh://u:pw@h', /password does not belong/],
    ['vnm+ssh://-oProxyCommand=touch%20x/', /not a host name/],
    ['vnm+ssh://-x@h', /not a user name/],
    ['vnm+ssh://h/session', /only \/system/],
    ['vnm+ssh://h?sockett=/x', /unknown parameter "sockett" \(known: socket, ro, keyfile/],
    ['vnm+ssh://h?ro=yes', /ro=yes is neither 1 nor 0/],
    ['vnm+ssh://h?ro=1&ro=0', /"ro" is given twice/],
    ['vnm+ssh://h?socket=run/x.sock', /socket must be an absolute path/],
    ['vnm+ssh://h?keyfile=id_ed25519', /keyfile must be an absolute path/],
    ['vnm+ssh://h?command=', /is not a program/],
    ['vnm+ssh://h#x', /#fragment/],
  ])('%s is refused with what is wrong', (uri, message) => {
    expect(() => parseSshUri(uri)).toThrow(message);
    expect(() => parseSshUri(uri)).toThrow(/expected vnm\+ssh:\/\/user@host/);
  });
});
