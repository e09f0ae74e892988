import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirm } from './confirm';

async function ask(typed: string | null): Promise<{ yes: boolean; shown: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (c: Buffer) => (shown += c.toString()));
  const answer = confirm('Apply this fix?', input, output);
  if (typed === null) input.end();
  else input.write(typed);
  return { yes: await answer, shown };
}

describe('confirm', () => {
  it('asks with y/N and takes only y or yes', async () => {
    expect(await ask('y\n')).toEqual({ yes: true, shown: 'Apply this fix? [y/N] ' });
    expect((await ask('YES\n')).yes).toBe(true);
    expect((await ask('\n')).yes).toBe(false);
    expect((await ask('n\n')).yes).toBe(false);
    expect((await ask('yess\n')).yes).toBe(false);
  });

  it('takes the end of input as no', async () => {
    expect((await ask(null)).yes).toBe(false);
  });
});
