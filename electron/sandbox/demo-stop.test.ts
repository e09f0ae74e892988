import { describe, expect, it } from 'vitest';
import { DemoStop } from './demo-stop';

describe('DemoStop', () => {
  it('keeps the first reason, whatever comes after', async () => {
    const stop = new DemoStop();
    expect(stop.isRequested).toBe(false);
    stop.request('SIGINT received', 0);
    stop.request('vnmd exited', 1);
    expect(stop.isRequested).toBe(true);
    expect(await stop.requested).toEqual({ why: 'SIGINT received', code: 0 });
  });
});
