import { describe, expect, it } from 'vitest';
import { VnmError } from '../rpc/errors';
import { createVnmClient, unwrapResult } from './client';
import type { ApiCallName, InvokeResult, PushChannel, VnmBridge } from './contract';
import { RPC_CALLS, isApiCallName } from './contract';

function bridgeAnswering(answer: (call: ApiCallName, params: unknown) => InvokeResult) {
  const calls: [ApiCallName, unknown][] = [];
  const handlers = new Map<PushChannel, (p: unknown) => void>();
  const bridge = {
    invoke: (call: ApiCallName, params: unknown) => {
      calls.push([call, params]);
      return Promise.resolve(answer(call, params));
    },
    listen: (channel: PushChannel, h: (p: unknown) => void) => {
      handlers.set(channel, h);
      return () => handlers.delete(channel);
    },
  } as unknown as VnmBridge;
  return { bridge, calls, handlers };
}

describe('createVnmClient', () => {
  it('forwards each call with its params and resolves to the value', async () => {
    const { bridge, calls } = bridgeAnswering(() => ({ ok: true, value: [{ name: 'default' }] }));
    const client = createVnmClient(bridge);
    await expect(client.listNetworks({ filter: 'all' })).resolves.toEqual([{ name: 'default' }]);
    expect(calls).toEqual([['listNetworks', { filter: 'all' }]]);
  });

  it('rethrows error data as a VnmError with kind, message and details', async () => {
    const error = {
      kind: 'conflict',
      message: 'Network default is still active; stop it first.',
      details: 'x',
    } as const;
    const client = createVnmClient(bridgeAnswering(() => ({ ok: false, error })).bridge);
    const err = await client.undefineNetwork({ network: 'default' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VnmError);
    expect(err).toMatchObject(error);
  });

  it('has a method for every RPC call and app call', () => {
    const client = createVnmClient(bridgeAnswering(() => ({ ok: true, value: null })).bridge);
    for (const name of Object.keys(RPC_CALLS)) expect(typeof client[name as ApiCallName]).toBe('function');
    expect(typeof client.connectionStatus).toBe('function');
    expect(typeof client.appInfo).toBe('function');
  });

  it('routes pushes to onEvent, onConnection and onCommand, and unsubscribes', () => {
    const { bridge, handlers } = bridgeAnswering(() => ({ ok: true, value: null }));
    const client = createVnmClient(bridge);
    const seen: unknown[] = [];
    const off = client.onConnection((s) => seen.push(s));
    handlers.get('connection')?.({ state: 'lost', uri: 'unix:/x' });
    expect(seen).toEqual([{ state: 'lost', uri: 'unix:/x' }]);
    off();
    expect(handlers.has('connection')).toBe(false);
  });
});

describe('unwrapResult', () => {
  it('reports an unreadable answer as an internal error instead of returning it', () => {
    expect(() => unwrapResult(null as unknown as InvokeResult)).toThrow(/cannot read/);
    expect(() => unwrapResult({ ok: false, error: { nope: 1 } } as unknown as InvokeResult)).toThrow(
      VnmError,
    );
  });
});

describe('isApiCallName', () => {
  it('accepts declared calls only', () => {
    expect(isApiCallName('startNetwork')).toBe(true);
    expect(isApiCallName('appInfo')).toBe(true);
    expect(isApiCallName('toString')).toBe(false);
    expect(isApiCallName('network.start')).toBe(false);
    expect(isApiCallName(42)).toBe(false);
  });
});
