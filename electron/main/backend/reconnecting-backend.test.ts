import { describe, expect, it } from 'vitest';
import type { RpcMethodName, VnmEvent } from '../../../shared/rpc/contract';
import type { ConnectionStatus } from '../../../shared/api/contract';
import type { RpcClientLike } from './backend';
import { AccessDeniedError } from '../../client/client';
import { ReconnectingBackend } from './reconnecting-backend';

class FakeClient implements RpcClientLike {
  calls: RpcMethodName[] = [];
  private onEvents: ((e: VnmEvent) => void)[] = [];
  private onCloses: ((r: string) => void)[] = [];
  closed = false;
  call(method: RpcMethodName): Promise<never> {
    this.calls.push(method);
    return Promise.resolve({ ok: true } as never);
  }
  onEvent(h: (e: VnmEvent) => void) {
    this.onEvents.push(h);
    return () => undefined;
  }
  onClose(h: (r: string) => void) {
    this.onCloses.push(h);
    return () => undefined;
  }
  close() {
    this.closed = true;
  }
  drop(reason: string) {
    for (const h of this.onCloses) h(reason);
  }
  event(e: VnmEvent) {
    for (const h of this.onEvents) h(e);
  }
}

function harness(outcomes: (FakeClient | Error)[]) {
  const timers: (() => void)[] = [];
  const statuses: ConnectionStatus[] = [];
  const backend = new ReconnectingBackend({
    uri: 'unix:/t.sock',
    connect: () => {
      const next = outcomes.shift();
      return next instanceof FakeClient
        ? Promise.resolve(next)
        : Promise.reject(next ?? new Error('no more'));
    },
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => undefined,
  });
  backend.onStatus((s) => statuses.push(s));
  const tick = async () => {
    const fn = timers.shift();
    fn?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { backend, statuses, tick, timers };
}

describe('ReconnectingBackend', () => {
  it('subscribes to events on connect and passes them on', async () => {
    const client = new FakeClient();
    const { backend, statuses } = harness([client]);
    const events: VnmEvent[] = [];
    backend.onEvent((e) => events.push(e));
    await backend.start();
    expect(client.calls).toEqual(['events.subscribe']);
    expect(statuses.at(-1)).toEqual({ state: 'connected', uri: 'unix:/t.sock' });
    client.event({ type: 'interfaces', seq: 1 });
    expect(events).toEqual([{ type: 'interfaces', seq: 1 }]);
  });

  it('says the connection is lost, retries, and comes back connected', async () => {
    const first = new FakeClient();
    const second = new FakeClient();
    const { backend, statuses, tick } = harness([first, new Error('ECONNREFUSED'), second]);
    await backend.start();
    first.drop('vnmd closed the connection');
    expect(statuses.at(-1)).toMatchObject({
      state: 'lost',
      reason: 'vnmd closed the connection',
      attempt: 1,
    });
    await expect(backend.call('host.info', {})).rejects.toMatchObject({ kind: 'connection' });
    await tick();
    expect(statuses.at(-1)).toMatchObject({ state: 'reconnecting', reason: 'ECONNREFUSED', attempt: 2 });
    await tick();
    expect(statuses.at(-1)).toEqual({ state: 'connected', uri: 'unix:/t.sock' });
    expect(second.calls).toEqual(['events.subscribe']);
  });

  it('stops retrying once closed', async () => {
    const client = new FakeClient();
    const { backend, timers } = harness([client]);
    await backend.start();
    backend.close();
    expect(client.closed).toBe(true);
    client.drop('bye');
    expect(timers).toHaveLength(0);
  });

  it('says it is still connecting, not lost, when vnmd was never reached', async () => {
    const client = new FakeClient();
    const { backend, statuses, tick } = harness([new Error('ECONNREFUSED'), new Error('ENOENT'), client]);
    await backend.start();
    expect(statuses.at(-1)).toEqual({
      state: 'connecting',
      uri: 'unix:/t.sock',
      reason: 'ECONNREFUSED',
      attempt: 1,
    });
    await tick();
    expect(statuses.at(-1)).toMatchObject({ state: 'connecting', reason: 'ENOENT', attempt: 2 });
    await tick();
    expect(statuses.at(-1)).toEqual({ state: 'connected', uri: 'unix:/t.sock' });
    client.drop('vnmd closed the connection');
    expect(statuses.at(-1)).toMatchObject({ state: 'lost', attempt: 1 });
  });

  it('marks a refusal by the socket’s permissions as denied, and clears it once another error follows', async () => {
    const denial = new AccessDeniedError('permission denied on /t.sock: you are not in group vnm');
    const { backend, statuses, tick } = harness([denial, new Error('ECONNREFUSED'), new FakeClient()]);
    await backend.start();
    expect(statuses.at(-1)).toEqual({
      state: 'connecting',
      uri: 'unix:/t.sock',
      reason: denial.message,
      attempt: 1,
      denied: true,
    });
    await tick();
    expect(statuses.at(-1)).not.toHaveProperty('denied');
  });
});
