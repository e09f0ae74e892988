import { describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import type { CallContext, Handlers } from './dispatch';

const ctx: CallContext = { readOnly: false, subscribe: () => undefined, unsubscribe: () => undefined };
// No handler is reached: params are refused before dispatch looks one up.
const handlers = {} as Handlers;

describe('dispatch', () => {
  // The contract is zod/mini, which has no messages of its own; vnmd loads English so that a
  // client with a bad request reads what was wrong, not "Invalid input".
  it('refuses bad params with an English sentence per field', async () => {
    const out = await dispatch(handlers, 'network.start', { network: 5, extra: 1 }, ctx);
    expect('error' in out).toBe(true);
    const message = 'error' in out ? out.error.message : '';
    expect(message).toMatch(/^Invalid params for network.start: /);
    expect(message).toMatch(/network: Invalid input: expected string, received number/);
    expect(message).toMatch(/Unrecognized key: "extra"/);
  });

  it('refuses a value over its bound, naming the bound', async () => {
    const out = await dispatch(handlers, 'stats.setInterval', { seconds: 0.1 }, ctx);
    expect('error' in out && out.error.message).toMatch(/seconds: Too small: expected number to be >=0.5/);
  });
});
