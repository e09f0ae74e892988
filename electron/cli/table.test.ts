import { describe, expect, it } from 'vitest';
import { formatKeyValues, formatTable } from './table';

describe('formatTable', () => {
  it('lays out net-list as virsh does', () => {
    const out = formatTable(
      ['Name', 'State', 'Autostart', 'Persistent'],
      [['default', 'active', 'yes', 'yes']],
    );
    expect(out).toBe(
      ' Name      State    Autostart   Persistent  \n' +
        '--------------------------------------------\n' +
        ' default   active   yes         yes         \n',
    );
  });

  it('prints only the header and dashes for no rows', () => {
    expect(formatTable(['A', 'BB'], [])).toBe(' A   BB  \n---------\n');
  });
});

describe('formatKeyValues', () => {
  it('pads keys to 15 columns', () => {
    expect(formatKeyValues([['Name:', 'default']])).toBe('Name:           default\n');
  });
});
