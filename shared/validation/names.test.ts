import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, networkNameProblem } from './names';

describe('networkNameProblem', () => {
  it.each([
    'default',
    'lab-net_2',
    'default"with"quotes"',
    'réseau',
    'a.b',
    'a #b',
    'a,b',
    'a b',
    'x'.repeat(MAX_NAME_LENGTH),
  ])('accepts %j', (name) => expect(networkNameProblem(name)).toBeUndefined());

  it.each([
    ['', /missing name information/],
    ['a/b', /invalid char in name: \//],
    ['a\nb', /invalid char in name: a newline/],
    ['a\tb', /control character U\+0009/],
    ['a\u0000b', /control character U\+0000/],
    ['a\u007fb', /control character U\+007F/],
    ['a\u0085b', /control character U\+0085/],
    ['a\u2028b', /control character U\+2028/],
    [' ', /only blanks/],
    ['\u00a0\u3000', /only blanks/],
    [' lab', /cannot start or end with a blank/],
    ['lab ', /cannot start or end with a blank/],
    ['..', /'\.\.'/],
    ['a..b', /'\.\.'/],
    ['.hidden', /starts with '\.'/],
    ['x'.repeat(MAX_NAME_LENGTH + 1), /201 characters long; vnm allows at most 200/],
  ])('refuses %j', (name, pattern) => {
    expect(networkNameProblem(name)).toMatch(pattern);
  });
});
