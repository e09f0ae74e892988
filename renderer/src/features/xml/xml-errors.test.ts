// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { lineOf, lineOfQuotedValue, wellFormedProblem } from './xml-errors';

describe('xml errors', () => {
  it('finds the line a message names', () => {
    expect(lineOf('error on line 12 at column 3: mismatch')).toBe(12);
    expect(lineOf('4:17: unclosed tag: ip')).toBe(4);
    expect(lineOf('the name is missing')).toBeNull();
  });

  it('accepts well-formed XML and reports broken XML', () => {
    expect(wellFormedProblem('<network><name>a</name></network>')).toBeNull();
    const p = wellFormedProblem('<network>\n<name>a</name>\n</netwrk>');
    expect(p?.message).toMatch(/^The XML is not well-formed/);
  });
});

describe('lineOfQuotedValue', () => {
  it('finds the line holding the value an error quotes', () => {
    const xml = "<network>\n  <name>x</name>\n  <ip address='300.1.1.1' prefix='24'/>\n</network>";
    expect(
      lineOfQuotedValue(xml, "Invalid address '300.1.1.1' in network 'x': use an IPv4 or IPv6 address."),
    ).toBe(3);
    expect(lineOfQuotedValue(xml, "Network 'x' has no forward device")).toBe(2);
    expect(lineOfQuotedValue(xml, 'no quotes here')).toBeNull();
  });
});
