import { describe, expect, it } from 'vitest';
import { problemsElsewhere } from './elsewhere';

describe('problemsElsewhere', () => {
  it('names the step of each problem not on the current one, once per field', () => {
    const errors = {
      name: 'Enter a name',
      ipv4Gateway: 'gw is outside',
      ipv4Start: 'bad start',
      definition: 'libvirt says no',
    };
    expect(problemsElsewhere(errors, 'name', { mode: 'nat', ovnMode: 'isolated' })).toEqual([
      { step: 'IPv4', message: 'gw is outside' },
      { step: 'Summary', message: 'libvirt says no' },
    ]);
  });

  it('lists the first page’s fields from a later step under the first page', () => {
    expect(
      problemsElsewhere({ ipv4End: 'is reversed' }, 'dns', { mode: 'nat', ovnMode: 'isolated' }),
    ).toEqual([{ step: 'Name and mode', message: 'is reversed' }]);
  });

  it('is empty when every problem is on the step shown', () => {
    expect(problemsElsewhere({ ipv4Network: 'bad' }, 'ipv4', { mode: 'route', ovnMode: 'isolated' })).toEqual(
      [],
    );
  });
});
