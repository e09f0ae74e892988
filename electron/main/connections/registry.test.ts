import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../shared/api/contract';
import type { VnmEvent } from '../../../shared/rpc/contract';
import type { Session } from './managed-connection';
import { ConnectionRegistry } from './registry';

/** A session that connects, or fails with `failWith`, on its first try. */
class FakeSession implements Session {
  current: ConnectionStatus;
  closed = false;
  readonly statusHandlers = new Set<(s: ConnectionStatus) => void>();
  readonly eventHandlers = new Set<(e: VnmEvent) => void>();
  constructor(
    readonly uri: string,
    private readonly failWith?: string,
    readonly ask?: (prompt: string) => Promise<string | null>,
  ) {
    this.current = { state: 'connecting', uri };
  }
  async start() {
    if (this.ask && (await this.ask(`${this.uri} password: `)) === null)
      return this.set({ state: 'failed', uri: this.uri, reason: 'cancelled' });
    this.set(
      this.failWith
        ? { state: 'failed', uri: this.uri, reason: this.failWith }
        : { state: 'connected', uri: this.uri },
    );
  }
  set(s: ConnectionStatus) {
    this.current = s;
    for (const h of this.statusHandlers) h(s);
  }
  call() {
    return Promise.resolve([] as never);
  }
  status() {
    return this.current;
  }
  onEvent(h: (e: VnmEvent) => void) {
    this.eventHandlers.add(h);
    return () => void this.eventHandlers.delete(h);
  }
  onStatus(h: (s: ConnectionStatus) => void) {
    this.statusHandlers.add(h);
    return () => void this.statusHandlers.delete(h);
  }
  close() {
    this.closed = true;
  }
}

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(opts: { fail?: string; askFirst?: boolean } = {}) {
  dir = mkdtempSync(join(tmpdir(), 'vnm-reg-'));
  const file = join(dir, 'connections.json');
  const sessions: FakeSession[] = [];
  const make = () =>
    new ConnectionRegistry({
      file,
      local: { uri: 'unix:/run/vnm/vnmd.sock', session: new FakeSession('unix:/run/vnm/vnmd.sock') },
      sshSession: (uri, askpass) => {
        const s = new FakeSession(uri, opts.fail, opts.askFirst ? askpass : undefined);
        sessions.push(s);
        return s;
      },
    });
  return { file, sessions, make };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('connection registry', () => {
  it('lists Local first, adds an SSH connection, remembers it across runs without secrets', async () => {
    const { file, make } = setup();
    const reg = make();
    expect(reg.list().map((c) => c.name)).toEqual(['Local']);
    const pushes: string[][] = [];
    reg.onChange((l) => pushes.push(l.map((c) => `${c.name}:${c.status.state}`)));
    const added = reg.add({ host: 'lab1', user: 'ops', autoconnect: true });
    await flush();
    expect(added.uri).toBe('vnm+ssh://ops@lab1/system');
    expect(reg.get(added.id)?.status().state).toBe('connected');
    expect(pushes.at(-1)).toEqual(['Local:connecting', 'ops@lab1:connected']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      connections: [{ id: added.id, uri: 'vnm+ssh://ops@lab1/system', autoconnect: true }],
    });
    reg.close();
    const again = make();
    expect(again.list().map((c) => [c.name, c.status.state])).toEqual([
      ['Local', 'connecting'],
      ['ops@lab1', 'disconnected'],
    ]);
    again.autoconnect();
    await flush();
    expect(again.get(added.id)?.status().state).toBe('connected');
  });

  it('refuses a duplicate and a bad host, leaving the file as it was', () => {
    const { file, make } = setup();
    const reg = make();
    reg.add({ host: 'lab1', autoconnect: false });
    const before = readFileSync(file, 'utf8');
    expect(() => reg.add({ host: 'lab1', autoconnect: true })).toThrow(/already in the list/);
    expect(() => reg.add({ host: '-oProxyCommand=sh', autoconnect: true })).toThrow(/not a host name/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(() => reg.remove('local')).toThrow(/cannot be removed/);
  });

  it('shows a failure with its reason and connects anew when asked', async () => {
    const { sessions, make } = setup({ fail: 'Permission denied (publickey).' });
    const reg = make();
    const c = reg.add({ host: 'lab2', autoconnect: false });
    expect(reg.get(c.id)?.status().state).toBe('disconnected');
    reg.connect(c.id);
    await flush();
    expect(reg.get(c.id)?.status()).toMatchObject({
      state: 'failed',
      reason: 'Permission denied (publickey).',
    });
    reg.connect(c.id);
    await flush();
    expect(sessions).toHaveLength(2);
    expect(sessions[0]?.closed).toBe(true);
    await expect(reg.get(c.id)!.call('network.list', {})).resolves.toEqual([]);
  });

  it('asks through the broker, and a disconnect cancels the question', async () => {
    const { make } = setup({ askFirst: true });
    const reg = make();
    const c = reg.add({ host: 'lab3', autoconnect: true });
    await flush();
    expect(reg.askpass.pending()).toHaveLength(1);
    reg.disconnect(c.id);
    await flush();
    expect(reg.askpass.pending()).toHaveLength(0);
    expect(reg.get(c.id)?.status().state).toBe('disconnected');
    reg.remove(c.id);
    expect(reg.list()).toHaveLength(1);
  });
});
