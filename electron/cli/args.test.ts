import { describe, expect, it } from 'vitest';
import { parseGlobalArgs, parseVerbArgs, UsageError } from './args';

const spec = { positionals: ['network', 'command'], required: 1, flags: ['live'], options: ['mac'] };

describe('parseVerbArgs', () => {
  it('takes arguments in order or by name, as virsh does', () => {
    expect(parseVerbArgs('v', spec, ['default', 'add', '--live']).values).toEqual({
      network: 'default',
      command: 'add',
    });
    const named = parseVerbArgs('v', spec, ['--command=add', '--network', 'default', '--mac', 'x']);
    expect(named.values).toEqual({ network: 'default', command: 'add', mac: 'x' });
    expect(parseVerbArgs('v', spec, ['n', '--live']).flags.has('live')).toBe(true);
  });

  it.each([
    [[], /requires <network>/],
    [['a', 'b', 'c'], /unexpected data 'c'/],
    [['a', '--bogus'], /doesn't support option --bogus/],
    [['a', '--mac'], /expected a value/],
    [['a', '--live=yes'], /takes no value/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseVerbArgs('v', spec, argv)).toThrow(UsageError);
    expect(() => parseVerbArgs('v', spec, argv)).toThrow(message);
  });
});

describe('parseGlobalArgs', () => {
  it('splits global options from the verb', () => {
    expect(parseGlobalArgs(['-c', 'unix:/s', '-r', 'net-list', '--all'])).toMatchObject({
      connect: 'unix:/s',
      readOnly: true,
      verb: 'net-list',
      verbArgs: ['--all'],
    });
    expect(() => parseGlobalArgs(['-x'])).toThrow(/unsupported option/);
  });
});
