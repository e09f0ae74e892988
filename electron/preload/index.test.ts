// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VnmBridge } from '../../shared/api/contract';

const exposed: Record<string, unknown> = {};
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
const invoke = vi.fn();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args) as Promise<unknown>,
    on: (channel: string, l: (event: unknown, payload: unknown) => void) => listeners.set(channel, l),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

beforeEach(() => {
  invoke.mockReset();
  listeners.clear();
});

async function bridge(): Promise<VnmBridge> {
  await import('./index');
  return exposed.vnm as VnmBridge;
}

describe('preload', () => {
  it('exposes exactly one object, window.vnm', async () => {
    await bridge();
    expect(Object.keys(exposed)).toEqual(['vnm']);
    expect(Object.keys(exposed.vnm as object).sort()).toEqual(['invoke', 'listen']);
  });

  it('invokes on the one invoke channel and passes the result through', async () => {
    invoke.mockResolvedValue({ ok: true, value: 42 });
    const vnm = await bridge();
    await expect(vnm.invoke('hostInfo', {})).resolves.toEqual({ ok: true, value: 42 });
    expect(invoke).toHaveBeenCalledWith('vnm:invoke', 'hostInfo', {});
  });

  it('turns a failed IPC into connection error data rather than a throw', async () => {
    invoke.mockRejectedValue(new Error('No handler registered'));
    const vnm = await bridge();
    await expect(vnm.invoke('hostInfo', {})).resolves.toMatchObject({
      ok: false,
      error: { kind: 'connection' },
    });
  });

  it('delivers pushes without the IPC event object, and unsubscribes', async () => {
    const vnm = await bridge();
    const seen: unknown[] = [];
    const off = vnm.listen('event', (payload) => seen.push(payload));
    listeners.get('vnm:event')?.({ sender: 'ipcRenderer' }, { type: 'interfaces', seq: 1 });
    expect(seen).toEqual([{ type: 'interfaces', seq: 1 }]);
    off();
    expect(listeners.has('vnm:event')).toBe(false);
  });

  it('refuses channels that are not in the contract', async () => {
    const vnm = await bridge();
    expect(() => vnm.listen('secret' as never, () => undefined)).toThrow(/no channel/);
  });
});
