import { describe, expect, it } from 'vitest';
import { classifySshExit, fingerprintIn, SshConnectError, sshFailureMessage } from './ssh-errors';
import type { SshExit } from './ssh-errors';
import { parseSshUri } from './ssh-uri';

// stderr as OpenSSH 9.2 (Debian 12) and vnm proxy print it.
const SAMPLES: Record<string, SshExit> = {
  refused: {
    code: 255,
    signal: null,
    stderr: 'ssh: connect to host 192.0.2.2 port 22: Connection refused\r\n',
  },
  noRoute: {
    code: 255,
    signal: null,
    stderr: 'ssh: connect to host 192.0.2.9 port 22: No route to host\r\n',
  },
  netUnreachable: {
    code: 255,
    signal: null,
    stderr: 'ssh: connect to host 203.0.113.1 port 22: Network is unreachable\r\n',
  },
  dns: {
    code: 255,
    signal: null,
    stderr: 'ssh: Could not resolve hostname nohost.invalid: Name or service not known\r\n',
  },
  connectTimeout: {
    code: 255,
    signal: null,
    stderr: 'ssh: connect to host 192.0.2.55 port 22: Connection timed out\r\n',
  },
  bannerTimeout: {
    code: 255,
    signal: null,
    stderr: 'Connection timed out during banner exchange\r\nConnection to 192.0.2.2 port 22 timed out\r\n',
  },
  unknownKey: {
    code: 255,
    signal: null,
    stderr:
      'No ED25519 host key is known for 192.0.2.2 and you have requested strict checking.\r\nHost key verification failed.\r\n',
  },
  changedKey: {
    code: 255,
    signal: null,
    stderr: [
      '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
      '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @',
      '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
      'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!',
      'Someone could be eavesdropping on you right now (man-in-the-middle attack)!',
      'It is also possible that a host key has just been changed.',
      'The fingerprint for the ED25519 key sent by the remote host is',
      'SHA256:q8LqQbwd0Ck3mTRA3vHQw2QVWTaoCkS3p0zVFgZ1mEk.',
      'Please contact your system administrator.',
      'Add correct host key in /tmp/kh to get rid of this message.',
      'Offending ED25519 key in /tmp/kh:1',
      'Host key for 192.0.2.2 has changed and you have requested strict checking.',
      'Host key verification failed.',
      '',
    ].join('\r\n'),
  },
  authFailed: { code: 255, signal: null, stderr: 'vnmtm1@192.0.2.2: Permission denied (publickey).\r\n' },
  tooMany: {
    code: 255,
    signal: null,
    stderr: 'Received disconnect from 192.0.2.2 port 22:2: Too many authentication failures\r\n',
  },
  notFound: { code: 127, signal: null, stderr: 'Welcome!\nsh: 1: vnm: not found\n' },
  oldVnm: { code: 1, signal: null, stderr: "error: unknown command: 'proxy'\n" },
  noVnmd: {
    code: 69,
    signal: null,
    stderr:
      'error: vnmd at /run/vnm/vnmd.sock is not running (ENOENT). Start it: `sudo systemctl start vnmd.socket`.\n',
  },
  denied: {
    code: 77,
    signal: null,
    stderr:
      'error: permission denied on /run/vnm/vnmd.sock: you are not in group vnm, whose members may manage networks.\n',
  },
  nologin: { code: 1, signal: null, stderr: 'This account is currently not available.\n' },
};

describe('telling ssh failures apart', () => {
  it.each([
    ['refused', 'unreachable'],
    ['noRoute', 'unreachable'],
    ['netUnreachable', 'unreachable'],
    ['dns', 'unreachable'],
    ['connectTimeout', 'unreachable'],
    ['bannerTimeout', 'timeout'],
    ['unknownKey', 'host-key-unknown'],
    ['changedKey', 'host-key-changed'],
    ['authFailed', 'auth-failed'],
    ['tooMany', 'auth-failed'],
    ['notFound', 'no-vnm'],
    ['oldVnm', 'no-vnm'],
    ['noVnmd', 'no-vnmd'],
    ['denied', 'socket-denied'],
    ['nologin', 'ssh-failed'],
  ])('%s is %s', (sample, reason) => expect(classifySshExit(SAMPLES[sample]!)).toBe(reason));

  it('reads the fingerprint from a changed-key warning and from ssh -v', () => {
    expect(fingerprintIn(SAMPLES.changedKey!.stderr)).toBe(
      'ED25519 SHA256:q8LqQbwd0Ck3mTRA3vHQw2QVWTaoCkS3p0zVFgZ1mEk',
    );
    expect(fingerprintIn('debug1: Server host key: ssh-ed25519 SHA256:abc+/d=\r\n')).toBe(
      'ED25519 SHA256:abc+/d=',
    );
    expect(fingerprintIn(SAMPLES.unknownKey!.stderr)).toBeUndefined();
  });
});

describe('what a person is told', () => {
  const target = parseSshUri('vnm+ssh://ann@192.0.2.2:2222?known_hosts=/k/kh&keyfile=/k/id');
  const say = (sample: string, fingerprint?: string) => {
    const exit = SAMPLES[sample]!;
    return sshFailureMessage({ target, exit, reason: classifySshExit(exit), fingerprint, timeoutMs: 10_000 });
  };

  it('says each reason in its own words, with what to do', () => {
    expect(say('refused')).toBe(
      'cannot reach ann@192.0.2.2 port 2222: connect to host 192.0.2.2 port 22: Connection refused. Check the host name and port, and that sshd runs there.',
    );
    expect(say('unknownKey', 'ED25519 SHA256:xyz')).toMatch(
      /host key of 192\.0\.2\.2 is not known here \(ED25519 SHA256:xyz\).*`ssh -p 2222 -o UserKnownHostsFile=\/k\/kh ann@192\.0\.2\.2`.*no_verify=1/,
    );
    expect(say('changedKey', 'ED25519 SHA256:new')).toMatch(
      /has CHANGED \(it now sends ED25519 SHA256:new\).*will not connect.*`ssh-keygen -R 192\.0\.2\.2 -f \/k\/kh`/,
    );
    expect(say('authFailed')).toMatch(/refused the login \(.*Permission denied \(publickey\)\).*key \/k\/id/);
    expect(say('notFound')).toMatch(/vnm is not installed on 192\.0\.2\.2 .*command=\/path\/to\/vnm/);
    expect(say('noVnmd')).toMatch(/^on 192\.0\.2\.2: vnmd at \/run\/vnm\/vnmd\.sock is not running/);
    expect(say('denied')).toMatch(
      /^on 192\.0\.2\.2: permission denied .* not in group vnm.*add ro=1 to the URI\.$/,
    );
    expect(say('bannerTimeout')).toMatch(/did not finish connecting within 10 s/);
    expect(say('nologin')).toBe(
      'ssh to ann@192.0.2.2 port 2222 failed (exit status 1): This account is currently not available.',
    );
  });

  it('carries the reason and ssh stderr on a connection error', () => {
    const e = new SshConnectError('auth-failed', 'refused', SAMPLES.authFailed!.stderr);
    expect(e).toMatchObject({
      kind: 'connection',
      reason: 'auth-failed',
      stderr: SAMPLES.authFailed!.stderr,
    });
    expect(e.details).toBe('vnmtm1@192.0.2.2: Permission denied (publickey).');
  });
});
