import { describe, expect, it } from 'vitest';
import { VnmError } from '../../../shared/rpc/errors';
import { FakeBackend } from '../test/fake-backend';
import { buildAppInfo } from './app-info';
import { createInvokeHandler } from './invoke';

function setup() {
  const backend = new FakeBackend();
  const invoke = createInvokeHandler({
    backendFor: (id) => (id === 'local' ? backend : undefined),
    appInfo: buildAppInfo('browser', { node: '20.0.0' } as NodeJS.ProcessVersions),
  });
  return { backend, invoke };
}

describe('invoke handler', () => {
  it('forwards an RPC call to its vnmd method with the params, defaults filled in', async () => {
    const { backend, invoke } = setup();
    backend.answers['network.list'] = () => [];
    await expect(invoke('listNetworks', {})).resolves.toEqual({ ok: true, value: [] });
    expect(backend.calls).toEqual([{ method: 'network.list', params: { filter: 'active' } }]);
  });

  it('refuses an unknown call without reaching vnmd', async () => {
    const { backend, invoke } = setup();
    const r = await invoke('network.start', {});
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(backend.calls).toEqual([]);
  });

  it('refuses bad params with a message naming the field', async () => {
    const { backend, invoke } = setup();
    const r = await invoke('setAutostart', { network: 'default', autostart: 'yes' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/autostart/);
    const extra = await invoke('startNetwork', { network: 'default', force: true });
    expect(extra.ok).toBe(false);
    expect(backend.calls).toEqual([]);
  });

  it('returns vnmd errors as data, keeping kind and details', async () => {
    const { backend, invoke } = setup();
    backend.answers['network.undefine'] = () => {
      throw new VnmError('conflict', 'Network default is active; stop it first.', 'state: active');
    };
    await expect(invoke('undefineNetwork', { network: 'default' })).resolves.toEqual({
      ok: false,
      error: {
        kind: 'conflict',
        message: 'Network default is active; stop it first.',
        details: 'state: active',
      },
    });
  });

  it('turns an unexpected exception into an internal error a person can read', async () => {
    const { backend, invoke } = setup();
    backend.answers['host.info'] = () => {
      throw new TypeError('boom');
    };
    const r = await invoke('hostInfo', {});
    expect(r).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('answers app calls itself', async () => {
    const { backend, invoke } = setup();
    backend.current = { state: 'reconnecting', uri: 'unix:/x', attempt: 2 };
    await expect(invoke('connectionStatus', {})).resolves.toEqual({ ok: true, value: backend.current });
    await expect(invoke('appInfo', { extra: 1 })).resolves.toMatchObject({
      ok: false,
      error: { kind: 'invalid-argument' },
    });
    const info = await invoke('appInfo', {});
    expect(info).toMatchObject({
      ok: true,
      value: { name: 'vnm', shell: 'browser', versions: { node: '20.0.0' } },
    });
  });

  it("says so when the window's connection is gone, and refuses connection calls it cannot serve", async () => {
    const { invoke } = setup();
    const r = await invoke('listNetworks', {}, { connection: 'c-gone' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    if (!r.ok) expect(r.error.message).toMatch(/not in the connection list/);
    await expect(invoke('listConnections', {})).resolves.toMatchObject({
      ok: false,
      error: { kind: 'unsupported' },
    });
  });
});
