import { describe, expect, it } from 'vitest';
import { parseConnectUri, resolveConnectTarget, resolveSocketPath, socketPathFromUri } from './uri';

function withEnv(value: string | undefined, fn: () => void): void {
  const saved = process.env.VNM_CONNECT;
  if (value === undefined) delete process.env.VNM_CONNECT;
  else process.env.VNM_CONNECT = value;
  try {
    fn();
  } finally {
    if (saved === undefined) delete process.env.VNM_CONNECT;
    else process.env.VNM_CONNECT = saved;
  }
}

describe('connection URIs', () => {
  it.each([
    ['unix:/run/x.sock', '/run/x.sock'],
    ['unix:///run/x.sock', '/run/x.sock'],
    ['/tmp/y.sock', '/tmp/y.sock'],
  ])('%s is %s', (uri, path) => expect(socketPathFromUri(uri)).toBe(path));

  it('refuses other schemes with what to write instead', () => {
    expect(() => socketPathFromUri('qemu:///system')).toThrow(/expected unix:.*or vnm\+ssh:/);
    expect(() => parseConnectUri('qemu+ssh://h/system')).toThrow(/expected unix:.*or vnm\+ssh:/);
  });

  it('tells unix and ssh URIs apart', () => {
    expect(parseConnectUri('unix:/a.sock')).toEqual({ kind: 'unix', path: '/a.sock' });
    expect(parseConnectUri('vnm+ssh://u@h')).toMatchObject({ kind: 'ssh', user: 'u', host: 'h' });
  });

  it('falls back to VNM_CONNECT, then to the default sockets', () => {
    withEnv(undefined, () => {
      expect(resolveSocketPath(undefined, false)).toBe('/run/vnm/vnmd.sock');
      expect(resolveSocketPath(undefined, true)).toBe('/run/vnm/vnmd-ro.sock');
      expect(resolveConnectTarget(undefined, true)).toEqual({ kind: 'unix', path: '/run/vnm/vnmd-ro.sock' });
    });
    withEnv('unix:/e.sock', () => {
      expect(resolveSocketPath(undefined, false)).toBe('/e.sock');
      expect(resolveSocketPath('unix:/c.sock', false)).toBe('/c.sock');
    });
  });

  it('takes an ssh target from VNM_CONNECT, and -r makes it read-only', () => {
    withEnv('vnm+ssh://u@h', () => {
      expect(resolveConnectTarget(undefined, false)).toMatchObject({ kind: 'ssh', readOnly: false });
      expect(resolveConnectTarget(undefined, true)).toMatchObject({ kind: 'ssh', readOnly: true });
      expect(resolveConnectTarget('unix:/c.sock', true)).toEqual({ kind: 'unix', path: '/c.sock' });
    });
  });
});
