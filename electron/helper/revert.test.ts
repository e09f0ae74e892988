import { describe, expect, it } from 'vitest';
import { Revert } from './revert';

describe('Revert', () => {
  it('runs undos newest first, once', async () => {
    const done: string[] = [];
    const r = new Revert();
    r.add(() => void done.push('bridge'), 'delete bridge');
    r.add(async () => {
      await Promise.resolve();
      done.push('rules');
    }, 'remove rules');
    await r.revert();
    await r.revert();
    expect(done).toEqual(['rules', 'bridge']);
    expect(r.size).toBe(0);
  });

  it('never throws: a failed undo is recorded and the rest still run', async () => {
    const done: string[] = [];
    const r = new Revert();
    r.add(() => void done.push('first'), 'first');
    r.add(() => {
      throw new Error('stuck');
    }, 'second');
    r.add(() => Promise.reject(new Error('also stuck')), 'third');
    await expect(r.revert()).resolves.toBeUndefined();
    expect(done).toEqual(['first']);
    expect(r.failures.map((f) => [f.what, (f.error as Error).message])).toEqual([
      ['third', 'also stuck'],
      ['second', 'stuck'],
    ]);
  });

  it('keeps everything after success()', async () => {
    let undone = false;
    const r = new Revert();
    r.add(() => {
      undone = true;
    }, 'x');
    r.success();
    await r.revert();
    expect(undone).toBe(false);
  });
});
