import { describe, expect, it } from 'vitest';
import { checkSshFields, sshNameOf, sshUriOf } from './ssh-uri';

describe('ssh connection fields', () => {
  it('builds the URI the client reads, with the port only when it is not 22', () => {
    expect(sshUriOf({ host: 'lab1', autoconnect: false })).toBe('vnm+ssh://lab1/system');
    expect(sshUriOf({ host: 'lab1', user: 'ops', port: 22, autoconnect: false })).toBe(
      'vnm+ssh://ops@lab1/system',
    );
    expect(
      sshUriOf({ host: '10.0.0.5', user: 'ops', port: 2222, keyfile: '/k/id ed', autoconnect: true }),
    ).toBe('vnm+ssh://ops@10.0.0.5:2222/system?keyfile=%2Fk%2Fid%20ed');
    expect(sshUriOf({ host: 'fd00::5', autoconnect: false })).toBe('vnm+ssh://[fd00::5]/system');
  });

  it('refuses what ssh would read as an option, with what to change', () => {
    expect(() => checkSshFields({ host: '-oProxyCommand=x', autoconnect: false })).toThrow(
      /is not a host name/,
    );
    expect(() => checkSshFields({ host: 'h', user: '-x', autoconnect: false })).toThrow(/is not a user name/);
    expect(() => checkSshFields({ host: ' ', autoconnect: false })).toThrow(/Enter the host name/);
    expect(() => checkSshFields({ host: 'h', port: 70000, autoconnect: false })).toThrow(/1 to 65535/);
    expect(() => checkSshFields({ host: 'h', keyfile: 'id_rsa', autoconnect: false })).toThrow(
      /absolute path/,
    );
  });

  it('names a connection user@host[:port]', () => {
    expect(sshNameOf('vnm+ssh://ops@lab1:2222/system?keyfile=%2Fk')).toBe('ops@lab1:2222');
    expect(sshNameOf('vnm+ssh://lab1/system')).toBe('lab1');
    expect(sshNameOf('unix:/run/vnm/vnmd.sock')).toBe('unix:/run/vnm/vnmd.sock');
  });
});
