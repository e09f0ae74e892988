import { describe, expect, it } from 'vitest';
import { parseVerbArgs } from '../args';
import { checkExclusive } from './desc-metadata';

const spec = {
  positionals: ['network'],
  required: 1,
  flags: ['live', 'current', 'remove'],
  options: ['set'],
};

describe('net-desc and net-metadata options', () => {
  it("refuses options given together as virsh does, in virsh's words", () => {
    const a = parseVerbArgs('net-desc', spec, ['n', '--current', '--live']);
    expect(() => checkExclusive(a, [['current', 'live']])).toThrow(
      'Options --current and --live are mutually exclusive',
    );
    const b = parseVerbArgs('net-metadata', spec, ['n', '--remove', '--set', '<a/>']);
    expect(() => checkExclusive(b, [['remove', 'set']])).toThrow(
      'Options --remove and --set are mutually exclusive',
    );
    expect(() =>
      checkExclusive(parseVerbArgs('x', spec, ['n', '--live']), [['current', 'live']]),
    ).not.toThrow();
  });
});
