import { describe, expect, it } from 'vitest';
import { throttled } from './throttle';

describe('throttled', () => {
  it('shares one read between concurrent callers and reuses it while fresh', async () => {
    let reads = 0;
    let clock = 0;
    const read = throttled(
      () => Promise.resolve(++reads),
      200,
      () => clock,
    );
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    clock = 199;
    expect(await read()).toBe(1);
    clock = 200;
    expect(await read()).toBe(2);
    expect(reads).toBe(2);
  });

  it('does not keep a failure', async () => {
    let reads = 0;
    const read = throttled(
      () => (++reads === 1 ? Promise.reject(new Error('EMFILE')) : Promise.resolve(reads)),
      1000,
    );
    await expect(read()).rejects.toThrow('EMFILE');
    expect(await read()).toBe(2);
  });
});
