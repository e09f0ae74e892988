import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '@shared/model/network';
import { parseNetworkXml } from '@shared/xml';
import { EMPTY_DRAFT, draftProblems, forwardFromDraft } from './forward-draft';

const parsed = parseNetworkXml(`<network>
  <name>default</name>
  <forward mode='nat'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'/>
</network>`);
if (!parsed.ok) throw new Error('test network does not parse');
const nat: NetworkDef = parsed.def;
const draft = { ...EMPTY_DRAFT, hostPort: '8080', guestAddress: '192.168.122.10' };

describe('forwardFromDraft', () => {
  it('maps the host port to the same guest port when none is given, and drops empty optionals', () => {
    expect(forwardFromDraft({ ...draft, description: '  ' })).toEqual({
      protocol: 'tcp',
      hostPort: { start: 8080, end: 8080 },
      guestAddress: '192.168.122.10',
      guestPort: { start: 8080, end: 8080 },
    });
  });

  it('keeps a chosen host address, a range and a trimmed description', () => {
    expect(
      forwardFromDraft({
        ...draft,
        protocol: 'udp',
        hostAddress: '198.51.100.2',
        hostPort: '5000-5002',
        guestPort: ' 6000-6002 ',
        description: ' game ',
      }),
    ).toEqual({
      protocol: 'udp',
      hostAddress: '198.51.100.2',
      hostPort: { start: 5000, end: 5002 },
      guestAddress: '192.168.122.10',
      guestPort: { start: 6000, end: 6002 },
      description: 'game',
    });
  });

  it('is null while a port is not a port or a range', () => {
    expect(forwardFromDraft({ ...draft, hostPort: '80x' })).toBeNull();
    expect(forwardFromDraft({ ...draft, guestPort: 'http' })).toBeNull();
  });
});

describe('draftProblems', () => {
  it('has none for a good forward', () => {
    expect(draftProblems(draft, nat, [])).toEqual({});
  });

  it('asks for the host port and the guest when they are empty', () => {
    expect(draftProblems(EMPTY_DRAFT, nat, [])).toEqual({
      hostPort: 'Enter the host port guests are reached on, e.g. 8080.',
      guestAddress: 'Pick a guest or type its address.',
    });
  });

  it('still judges the other fields while the host port cannot be read', () => {
    const p = draftProblems(
      { ...draft, hostPort: 'web', guestAddress: '10.0.0.9', guestPort: '1-5' },
      nat,
      [],
    );
    expect(p.hostPort).toBe('Enter a port from 1 to 65535, or a range such as 8000-8010.');
    expect(p.guestAddress).toMatch(/192\.168\.122\.0\/24/);
    // The guest range is not measured against a stand-in host port.
    expect(p.guestPort).toBeUndefined();
  });

  it('puts vnmd’s rules on their fields: bounds, range length, the gateway, another network’s claim', () => {
    expect(draftProblems({ ...draft, hostPort: '70000' }, nat, []).hostPort).toMatch(/1 to 65535/);
    expect(draftProblems({ ...draft, hostPort: '80-82', guestPort: '80' }, nat, []).guestPort).toMatch(
      /same length/,
    );
    expect(draftProblems({ ...draft, guestAddress: '192.168.122.1' }, nat, []).guestAddress).toMatch(
      /gateway/i,
    );
    const other = {
      name: 'lab',
      forwards: [
        {
          protocol: 'all' as const,
          hostPort: { start: 8000, end: 8100 },
          guestAddress: '10.1.1.5',
          guestPort: { start: 8000, end: 8100 },
        },
      ],
    };
    expect(draftProblems(draft, nat, [other]).hostPort).toMatch(/network 'lab'/);
  });

  it('names the network when it cannot have forwards', () => {
    const routed: NetworkDef = { ...nat, forward: { ...nat.forward!, mode: 'route' } };
    expect(draftProblems(draft, routed, []).network).toMatch(/need a NAT network/);
  });
});
