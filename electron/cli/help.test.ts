import { describe, expect, it } from 'vitest';
import { docFromArgs, formatVerbHelp } from './help';
import { netListVerb } from './verbs/net-list';
import { showVerbs } from './verbs/show';

describe("a verb's own help, in virsh's layout", () => {
  it('shows net-dumpxml with its argument, flags and string option', () => {
    const dumpxml = showVerbs.find((v) => v.name === 'net-dumpxml')!;
    expect(formatVerbHelp(dumpxml.name, dumpxml.doc!)).toBe(
      [
        '  NAME',
        '    net-dumpxml - network information in XML',
        '',
        '  SYNOPSIS',
        '    net-dumpxml <network> [--inactive] [--xpath <string>] [--wrap]',
        '',
        '  DESCRIPTION',
        '    Output the network information as an XML dump to stdout.',
        '',
        '  OPTIONS',
        '    [--network] <string>  network name or uuid',
        '    --inactive       show inactive defined XML',
        '    --xpath <string>  xpath expression to filter the XML document',
        '    --wrap           wrap xpath results in an common root element',
        '',
        '',
      ].join('\n'),
    );
  });

  it('leaves DESCRIPTION out when a verb has none', () => {
    const uuid = showVerbs.find((v) => v.name === 'net-uuid')!;
    expect(formatVerbHelp(uuid.name, uuid.doc!)).not.toContain('DESCRIPTION');
  });

  it('takes every flag net-list parses from its help', () => {
    expect(netListVerb.args.flags).toEqual(netListVerb.doc!.options.map((o) => o.name));
  });
});

describe('help of a verb without its own words', () => {
  it('lists the options its arguments take', () => {
    const text = formatVerbHelp(
      'net-x',
      docFromArgs('do x', { positionals: ['network'], required: 1, flags: ['json'] }),
    );
    expect(text).toContain('    net-x <network> [--json]\n');
    expect(text).toContain('    --json\n');
  });
});
