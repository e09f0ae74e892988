import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libvirtProblem, matchProblem } from './problem-match';

describe('libvirtProblem', () => {
  it('keeps only libvirt message, without virsh lines or the error-code prefix', () => {
    const file =
      "stage: net-define\nerror: Failed to define network from x.xml\nerror: XML error: Invalid delay value in network 'x'\n";
    expect(libvirtProblem(file)).toBe("Invalid delay value in network 'x'");
  });

  it('keeps the line of a libxml2 message', () => {
    const file =
      'stage: net-define\nerror: Failed to define network from x.xml\nerror: (network_definition):5: Opening and ending tag mismatch: forward line 3 and network\n</network>\n';
    expect(libvirtProblem(file)).toBe('line 5: Opening and ending tag mismatch: forward line 3 and network');
  });
});

describe('matchProblem', () => {
  const libvirt = 'range 192.168.150.200 - 192.168.150.100 is reversed ';

  it('accepts friendlier wording around the same problem', () => {
    expect(
      matchProblem(libvirt, 'range 192.168.150.200 - 192.168.150.100 is reversed: swap start and end.', 'n')
        .matched,
    ).toBe(true);
  });

  it('refuses a message about other addresses', () => {
    const r = matchProblem(libvirt, 'range 192.168.150.2 - 192.168.150.1 is reversed', 'n');
    expect(r.matched).toBe(false);
    expect(r.missing).toContain('192.168.150.200');
  });

  it('refuses a message about another problem with the same values', () => {
    const r = matchProblem(libvirt, 'range 192.168.150.200 - 192.168.150.100 is outside the subnet', 'n');
    expect(r.matched).toBe(false);
  });

  it('ignores the network name, which both messages quote', () => {
    expect(
      matchProblem("Invalid mtu size 'abc' in network 'lab'", "Invalid mtu size 'abc' for 'lab'.", 'lab')
        .matched,
    ).toBe(true);
  });

  // Each libvirt message must not be "matched" by the messages of the other cases: the
  // measure has to tell problems apart, or its percentage means nothing.
  const oracle = join(
    import.meta.dirname,
    '..',
    '..',
    '..',
    'shared',
    'conformance',
    'libvirt-9.0',
    'invalid',
  );
  it.skipIf(!existsSync(oracle))('tells the oracle cases apart from each other', () => {
    const messages = readdirSync(oracle)
      .filter((f) => f.endsWith('.error'))
      .map((f) => libvirtProblem(readFileSync(join(oracle, f), 'utf8')));
    let confusions = 0;
    let pairs = 0;
    for (const a of messages) {
      for (const b of messages) {
        if (a === b) continue;
        pairs++;
        if (matchProblem(a, b, 'n').matched) confusions++;
      }
    }
    expect(confusions / pairs).toBeLessThan(0.01);
  });
});
