// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { lineOf, wellFormedProblem } from './xml-errors';

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
