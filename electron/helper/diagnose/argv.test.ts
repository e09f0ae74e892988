import { describe, expect, it } from 'vitest';
import { shellLine, shellQuote } from './argv';

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('--zone=libvirt')).toBe('--zone=libvirt');
    expect(shellQuote('192.168.122.0/24')).toBe('192.168.122.0/24');
    expect(shellQuote('iifname "virbr0" accept')).toBe(`'iifname "virbr0" accept'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
  });
});

describe('shellLine', () => {
  it('joins commands with && in order', () => {
    expect(
      shellLine([
        ['iptables', '-I', 'X', '-j', 'ACCEPT'],
        ['nft', 'insert', 'rule', 'inet', 'filter', 'input', 'udp dport 67 accept'],
      ]),
    ).toBe("iptables -I X -j ACCEPT && nft insert rule inet filter input 'udp dport 67 accept'");
  });
});
