import { describe, expect, it } from 'vitest';
import { parseShellArgs } from './args';
import { chromiumArgs } from './open-app-window';

describe('parseShellArgs', () => {
  it('reads every flag in both spellings', () => {
    expect(
      parseShellArgs(['--shell=browser', '--no-open', '--port', '8123', '--connect=unix:/x.sock']),
    ).toEqual({
      shell: 'browser',
      open: false,
      port: 8123,
      connect: 'unix:/x.sock',
      sandbox: false,
    });
    expect(parseShellArgs(['-c', 'unix:/y', '--sandbox'])).toMatchObject({
      connect: 'unix:/y',
      sandbox: true,
      open: true,
      port: 0,
    });
  });

  it('says what is wrong with a bad flag', () => {
    expect(() => parseShellArgs(['--port', 'abc'])).toThrow(/--port must be a number/);
    expect(() => parseShellArgs(['--shell=qt'])).toThrow(/electron or browser/);
    expect(() => parseShellArgs(['--frobnicate'])).toThrow(/unknown option/);
    expect(() => parseShellArgs(['--connect'])).toThrow(/needs a value/);
  });

  it('skips unknown flags when lenient (Electron adds its own)', () => {
    expect(parseShellArgs(['--inspect', '--no-open'], true)).toMatchObject({ open: false });
  });
});

describe('chromiumArgs', () => {
  it('opens the URL as an app with its own profile, without sandbox only as root', () => {
    const args = chromiumArgs('file:///tmp/l/launch.html', '/tmp/p', true);
    expect(args).toContain('--app=file:///tmp/l/launch.html');
    expect(args).toContain('--user-data-dir=/tmp/p');
    expect(args).toContain('--no-sandbox');
    expect(chromiumArgs('u', '/tmp/p', false)).not.toContain('--no-sandbox');
  });
});
