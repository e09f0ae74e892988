import { describe, expect, it } from 'vitest';
import { formatKeyValues, formatTable } from './table';

describe('formatTable', () => {
  it('lays out net-list as virsh 9.0 does, rows without trailing spaces', () => {
    const out = formatTable(
      ['Name', 'State', 'Autostart', 'Persistent'],
      [
        ['default', 'active', 'yes', 'yes'],
        ['lab', 'inactive', 'no', 'no'],
      ],
    );
    expect(out).toBe(
      ' Name      State      Autostart   Persistent\n' +
        '----------------------------------------------\n' +
        ' default   active     yes         yes\n' +
        ' lab       inactive   no          no\n',
    );
  });

  it('prints only the header and dashes for no rows', () => {
    expect(formatTable(['A', 'BB'], [])).toBe(' A   BB\n---------\n');
  });

  it('leaves out the header under -q and measures the rows alone', () => {
    expect(formatTable(['Name', 'State'], [['a', 'on']], { header: false })).toBe(' a   on\n');
    expect(formatTable(['Name', 'State'], [], { header: false })).toBe('');
  });
});

describe('formatKeyValues', () => {
  it('pads keys to 15 columns', () => {
    expect(formatKeyValues([['Name:', 'default']])).toBe('Name:           default\n');
  });
});
