/**
 * The first view's calls sent before React (issue 17): each answer is used once, and only
 * while still true. Against the FAKE vnmd bridge (src/test/fake-vnm-api.ts).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createVnmClient } from '@shared/api/client';
import { FakeVnmBridge } from '@/test/fake-vnm-api';

type EarlyCalls = typeof import('./early-calls');
let early: EarlyCalls;
let fake: FakeVnmBridge;
let client: ReturnType<typeof createVnmClient>;

const count = (call: string) => fake.calls.filter((c) => c.call === call).length;
const list = () => early.takeNetworkList(() => client.listNetworks({ filter: 'all' }));
const status = () => early.takeConnectionStatus(() => client.connectionStatus({}));
/** Lets the fake's answers arrive (they resolve in a microtask). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(async () => {
  vi.resetModules();
  early = await import('./early-calls');
  fake = new FakeVnmBridge();
  client = createVnmClient(fake);
});

describe('early calls', () => {
  it('without them, every load asks vnmd', async () => {
    await list();
    await status();
    expect([count('listNetworks'), count('connectionStatus')]).toEqual([1, 1]);
  });

  it('serves the first loads from the calls sent at start, then asks again', async () => {
    early.sendEarlyCalls(client);
    await settle();
    expect((await list()).map((n) => n.name)).toContain('default');
    expect((await status()).state).toBe('connected');
    expect([count('listNetworks'), count('connectionStatus')]).toEqual([1, 1]);
    await list();
    await status();
    expect([count('listNetworks'), count('connectionStatus')]).toEqual([2, 2]);
  });

  it('asks for the list again after a lifecycle event', async () => {
    early.sendEarlyCalls(client);
    await settle();
    fake.lifecycle('default', 'stopped');
    await list();
    expect(count('listNetworks')).toBe(2);
  });

  it('keeps answers a connection push preceded, and drops those it followed', async () => {
    early.sendEarlyCalls(client);
    fake.setConnection({ state: 'connected', uri: 'unix:/fake/vnmd.sock' });
    await settle();
    await list();
    expect(count('listNetworks')).toBe(1);
    fake.setConnection({ state: 'lost', uri: 'unix:/fake/vnmd.sock', reason: 'vnmd went away' });
    expect((await status()).state).toBe('lost');
    expect(count('connectionStatus')).toBe(2);
  });

  it('asks again when the early call failed', async () => {
    fake.failures.set('listNetworks', { kind: 'connection', message: 'not connected yet' });
    early.sendEarlyCalls(client);
    await settle();
    expect((await list()).length).toBeGreaterThan(0);
    expect(count('listNetworks')).toBe(2);
  });
});
