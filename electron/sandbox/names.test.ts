import { describe, expect, it } from 'vitest';
import { makeStem, nsName, parseStem, PREFIX } from './names';

describe('sandbox names', () => {
  it('ties every name of a sandbox to its owner pid', () => {
    const stem = makeStem(4242, 'beef');
    expect(stem).toBe('vnmdemo-4242-beef');
    expect(parseStem(nsName(stem, 'host'))).toEqual({ stem, pid: 4242 });
    expect(parseStem(nsName(stem, 'g12'))).toEqual({ stem, pid: 4242 });
    expect(parseStem(stem)).toEqual({ stem, pid: 4242 });
  });

  it('gives each sandbox of a process its own stem', () => {
    expect(makeStem(1)).not.toBe(makeStem(1));
    expect(makeStem().startsWith(`${PREFIX}${process.pid}-`)).toBe(true);
  });

  it('ignores names that are not a sandbox stem', () => {
    for (const n of [
      'vnmt-host-abc',
      'vnmdemo-',
      'vnmdemo-12',
      'vnmdemo-12-xyz-host',
      'vnmdemo-x-beef',
      'vnmdemo-1-beefx',
    ])
      expect(parseStem(n), n).toBeNull();
  });

  it('refuses roles that would make odd names', () => {
    expect(() => nsName('vnmdemo-1-beef', 'a-b')).toThrow(/role/);
    expect(() => nsName('vnmdemo-1-beef', '../x')).toThrow(/role/);
  });
});
