import { describe, expect, it } from 'vitest';
import { resolveSocketPath, socketPathFromUri } from './uri';

describe('connection URIs', () => {
  it.each([
    ['unix:/run/x.sock', '/run/x.sock'],
    ['unix:///run/x.sock', '/run/x.sock'],
    ['/tmp/y.sock', '/tmp/y.sock'],
  ])('%s is %s', (uri, path) => expect(socketPathFromUri(uri)).toBe(path));

  it('refuses other schemes with what to write instead', () => {
    expect(() => socketPathFromUri('qemu:///system')).toThrow(/expected unix:/);
  });

  it('falls back to VNM_CONNECT, then to the default sockets', () => {
    const saved = process.env.VNM_CONNECT;
    delete process.env.VNM_CONNECT;
    expect(resolveSocketPath(undefined, false)).toBe('/run/vnm/vnmd.sock');
    expect(resolveSocketPath(undefined, true)).toBe('/run/vnm/vnmd-ro.sock');
    process.env.VNM_CONNECT = 'unix:/e.sock';
    expect(resolveSocketPath(undefined, false)).toBe('/e.sock');
    expect(resolveSocketPath('unix:/c.sock', false)).toBe('/c.sock');
    if (saved === undefined) delete process.env.VNM_CONNECT;
    else process.env.VNM_CONNECT = saved;
  });
});
