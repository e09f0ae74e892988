import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedMutex', () => {
  it('serialises calls on one key and frees the key afterwards', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const job = (id: string) =>
      m.run('net', async () => {
        log.push(`${id}+`);
        await tick();
        log.push(`${id}-`);
      });
    await Promise.all([job('a'), job('b'), job('c')]);
    expect(log).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(m.size).toBe(0);
  });

  it('lets different keys run at the same time', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const job = (key: string) =>
      m.run(key, async () => {
        log.push(`${key}+`);
        await tick();
        log.push(`${key}-`);
      });
    await Promise.all([job('a'), job('b')]);
    expect(log.slice(0, 2).sort()).toEqual(['a+', 'b+']);
  });

  it('releases the key when the function throws', async () => {
    const m = new KeyedMutex();
    await expect(m.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(m.run('k', () => Promise.resolve(7))).resolves.toBe(7);
  });

  it('takes several keys in a fixed order without deadlock', async () => {
    const m = new KeyedMutex();
    const results = await Promise.all([
      m.runAll(['x', 'y'], async () => (await tick(), 1)),
      m.runAll(['y', 'x'], async () => (await tick(), 2)),
    ]);
    expect(results).toEqual([1, 2]);
  });
});
