import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from './demo-args';

describe('demo flags', () => {
  it('opens the app by default', () => {
    expect(parseDemoArgs([])).toEqual({ open: true, ui: true, reaper: true, ovn: false, help: false });
  });

  it('reads every flag, in both --x=v and --x v forms', () => {
    const argv = ['--no-open', '--shell=browser', '--port', '8080', '--no-reaper', '--ovn'];
    expect(parseDemoArgs(argv)).toEqual({
      open: false,
      ui: true,
      reaper: false,
      ovn: true,
      help: false,
      shell: 'browser',
      port: 8080,
    });
    expect(parseDemoArgs(['--no-ui', '-h'])).toMatchObject({ ui: false, help: true });
  });

  it('says what was wrong', () => {
    expect(() => parseDemoArgs(['--nope'])).toThrow('unknown option "--nope"; see npm run demo -- --help');
    expect(() => parseDemoArgs(['--shell=qt'])).toThrow('--shell must be electron or browser, not "qt"');
    expect(() => parseDemoArgs(['--port', '70000'])).toThrow(/from 0 to 65535/);
    expect(() => parseDemoArgs(['--port'])).toThrow('option --port needs a value');
  });
});
