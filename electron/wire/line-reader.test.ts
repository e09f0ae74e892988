import { describe, expect, it } from 'vitest';
import { LineReader } from './line-reader';

function collect(max?: number) {
  const lines: string[] = [];
  const tooLong: number[] = [];
  const reader = new LineReader({ line: (l) => lines.push(l), tooLong: (n) => tooLong.push(n) }, max);
  return { reader, lines, tooLong };
}

describe('LineReader', () => {
  it('splits lines across chunks and drops blank lines and CRs', () => {
    const { reader, lines } = collect();
    reader.push(Buffer.from('{"a":1}\n{"b"'));
    reader.push(Buffer.from(':2}\r\n\n  \n{"c":3}\n'));
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('keeps multi-byte characters split between chunks intact', () => {
    const { reader, lines } = collect();
    const bytes = Buffer.from('"é€"\n');
    reader.push(bytes.subarray(0, 2));
    reader.push(bytes.subarray(2));
    expect(lines).toEqual(['"é€"']);
  });

  it('reports an over-long line once, skips it, and reads the next one', () => {
    const { reader, lines, tooLong } = collect(10);
    reader.push(Buffer.from('0123456789abc'));
    reader.push(Buffer.from('defghij'));
    reader.push(Buffer.from('klm\nok\n'));
    expect(tooLong).toHaveLength(1);
    expect(lines).toEqual(['ok']);
  });
});
