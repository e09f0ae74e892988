import { describe, expect, it } from 'vitest';
import { FairGate } from './fair-gate';

describe('FairGate', () => {
  it('gives free slots to waiting clients in turn, not to the one that asked most', async () => {
    const gate = new FairGate(1);
    const greedy = {};
    const polite = {};
    const order: string[] = [];
    const first = await gate.enter(greedy);
    const turn = (owner: object, name: string) =>
      gate.enter(owner).then((leave) => {
        order.push(name);
        leave();
      });
    const runs = [1, 2, 3].map((i) => turn(greedy, `greedy${i}`));
    runs.push(turn(polite, 'polite'));
    first();
    await Promise.all(runs);
    expect(order).toEqual(['greedy1', 'polite', 'greedy2', 'greedy3']);
  });

  it('forgets the waiting requests of a client that left', async () => {
    const gate = new FairGate(1);
    const gone = {};
    const other = {};
    const first = await gate.enter(other);
    let ran = false;
    void gate.enter(gone).then(() => (ran = true));
    const next = gate.enter(other);
    gate.forget(gone);
    first();
    (await next)();
    expect(ran).toBe(false);
  });
});
