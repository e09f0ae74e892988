import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RPC_METHODS } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import { connectVnmd } from '../../client/client';
import { EventBus } from '../events/bus';
import type { Handlers } from './dispatch';
import { listenRpc } from './server';
import type { RpcListener } from './server';

let dir: string;
let bus: EventBus;
let listeners: RpcListener[];
const calls: string[] = [];

/** Every method answers with a fixed valid result; network.start fails as the driver would. */
function handlers(): Handlers {
  const summary = {
    name: 'n',
    uuid: 'u',
    active: true,
    persistent: true,
    autostart: false,
    kind: 'nat',
    bridge: null,
    problem: null,
  };
  const h: Record<string, unknown> = {};
  for (const m of Object.keys(RPC_METHODS)) h[m] = () => (calls.push(m), { ok: true });
  h['network.list'] = () => [summary];
  h['network.start'] = () => {
    throw new VnmError('conflict', "network 'n' is already active.");
  };
  h['network.info'] = () => ({ wrong: 'shape' });
  h['events.subscribe'] = (p: { types: []; networks: null }, ctx: { subscribe(f: unknown): void }) => {
    ctx.subscribe(p);
    return { ok: true };
  };
  return h as unknown as Handlers;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vnm-rpc-'));
  bus = new EventBus();
  listeners = [
    await listenRpc({
      path: join(dir, 'rw.sock'),
      readOnly: false,
      handlers: handlers(),
      bus,
      queueLimit: 5,
    }),
    await listenRpc({ path: join(dir, 'ro.sock'), readOnly: true, handlers: handlers(), bus, maxClients: 2 }),
  ];
});

afterEach(async () => {
  await Promise.all(listeners.map((l) => l.close('test over')));
  rmSync(dir, { recursive: true, force: true });
});

describe('the RPC server', () => {
  it('creates the sockets with modes 0660 and 0666', () => {
    expect(statSync(join(dir, 'rw.sock')).mode & 0o777).toBe(0o660);
    expect(statSync(join(dir, 'ro.sock')).mode & 0o777).toBe(0o666);
  });

  it('serves typed calls and rethrows errors with their kind', async () => {
    const c = await connectVnmd(join(dir, 'rw.sock'));
    expect(await c.call('network.list', {})).toHaveLength(1);
    await expect(c.call('network.start', { network: 'n' })).rejects.toMatchObject({ kind: 'conflict' });
    // The client checks results against the contract too.
    await expect(c.call('network.info', { network: 'n' })).rejects.toMatchObject({ kind: 'internal' });
    c.close();
  });

  it('refuses changing methods on the read-only socket before running them', async () => {
    const c = await connectVnmd(join(dir, 'ro.sock'));
    calls.length = 0;
    await expect(c.call('network.undefine', { network: 'n' })).rejects.toMatchObject({
      kind: 'permission-denied',
    });
    expect(calls).toEqual([]);
    expect(await c.call('network.list', { filter: 'all' })).toHaveLength(1);
    c.close();
  });

  it('refuses a second server on a socket that answers, and replaces a stale one', async () => {
    await expect(
      listenRpc({ path: join(dir, 'rw.sock'), readOnly: false, handlers: handlers(), bus }),
    ).rejects.toThrow(/already listening/);
    await listeners[0]!.close('bye');
    listeners[0] = await listenRpc({
      path: join(dir, 'rw.sock'),
      readOnly: false,
      handlers: handlers(),
      bus,
    });
  });

  it('delivers events to subscribers', async () => {
    const c = await connectVnmd(join(dir, 'rw.sock'));
    const got: string[] = [];
    c.onEvent((e) => got.push(e.type === 'lifecycle' ? `${e.event} ${e.network}` : e.type));
    await c.call('events.subscribe', { types: ['lifecycle'] });
    bus.publish({ type: 'lifecycle', event: 'started', network: 'n', detail: null });
    bus.publish({ type: 'stats', samples: [] });
    await c.call('network.list', {});
    expect(got).toEqual(['started n']);
    c.close();
  });

  it('closes a client too slow for its lifecycle events, saying why', async () => {
    const s: Socket = createConnection(join(dir, 'rw.sock'));
    await new Promise((r) => s.once('connect', r));
    let received = '';
    s.on('data', (d: Buffer) => (received += d.toString()));
    s.write('{"jsonrpc":"2.0","id":1,"method":"events.subscribe","params":{}}\n');
    // Events published before vnmd has answered the subscription would not be sent at all.
    await vi.waitFor(() => expect(received).toContain('"id":1'), { timeout: 10_000 });
    s.pause();
    const detail = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 200; i++) bus.publish({ type: 'lifecycle', event: 'updated', network: 'n', detail });
    s.resume();
    await new Promise((r) => s.once('close', r));
    expect(received).toContain('"method":"closing"');
    expect(received).toContain('read events too slowly');
  });

  it('tells a client over the limit why in one line, closes it, and keeps serving the others', async () => {
    const ro = join(dir, 'ro.sock');
    const kept = [await connectVnmd(ro), await connectVnmd(ro)];
    await Promise.all(kept.map((c) => c.call('network.list', {})));
    const s: Socket = createConnection(ro);
    let received = '';
    s.on('data', (d: Buffer) => (received += d.toString()));
    await new Promise((r) => s.once('close', r));
    expect(received.trim().split('\n')).toHaveLength(1);
    expect(received).toContain('too many clients on the read-only socket (limit 2)');
    expect(await kept[0]!.call('network.list', {})).toHaveLength(1);
    kept.forEach((c) => c.close());
  });

  it('closes a silent client after the idle timeout, but not one that listens for events', async () => {
    const path = join(dir, 'idle.sock');
    listeners.push(await listenRpc({ path, readOnly: true, handlers: handlers(), bus, idleMs: 300 }));
    const listener = await connectVnmd(path);
    await listener.call('events.subscribe', { types: [], networks: null });
    const asker = await connectVnmd(path);
    const silent: Socket = createConnection(path);
    let received = '';
    silent.on('data', (d: Buffer) => (received += d.toString()));
    const silentClosed = new Promise((r) => silent.once('close', r));
    // The asker keeps asking more often than the timeout until the silent one is closed.
    let asks = 0;
    let closed = false;
    void silentClosed.then(() => (closed = true));
    while (!closed) {
      await asker.call('network.list', {});
      asks++;
      await Promise.race([silentClosed, new Promise((r) => setTimeout(r, 100))]);
    }
    expect(received).toContain('"method":"closing"');
    expect(received).toContain('sent no request for 0.3 s and listens for no events');
    expect(asks).toBeGreaterThan(2);
    // Both others outlived the silent one's deadline and still answer.
    expect(await listener.call('network.list', {})).toHaveLength(1);
    expect(await asker.call('network.list', {})).toHaveLength(1);
    listener.close();
    asker.close();
  });

  it('answers an over-long line on the read-only socket with its 128 KiB limit', async () => {
    const s: Socket = createConnection(join(dir, 'ro.sock'));
    let received = '';
    s.on('data', (d: Buffer) => (received += d.toString()));
    s.write(`${'x'.repeat(200 * 1024)}\n`);
    await new Promise<void>((r) => s.on('data', () => received.includes('\n') && r()));
    expect(received).toContain('larger than 128 KiB on the read-only socket');
    s.destroy();
  });

  it('stops reading from a client that does not read its answers, then drops it', async () => {
    let handled = 0;
    const h = handlers();
    h['network.list'] = () => (handled++, []);
    process.env.VNMD_CLIENT_DRAIN_TIMEOUT_MS = '300';
    const path = join(dir, 'slow.sock');
    listeners.push(await listenRpc({ path, readOnly: false, handlers: h, bus }));
    const s: Socket = createConnection(path);
    s.pause();
    // Each answer echoes a 256-character id: ~1,000 answers pass the 256 KiB high-water mark.
    const line = `${JSON.stringify({ jsonrpc: '2.0', id: 'i'.repeat(256), method: 'network.list' })}\n`;
    const total = 50_000;
    let written = 0;
    const more = () => {
      while (written < total && !s.destroyed) {
        written++;
        if (!s.write(line)) return;
      }
    };
    s.on('connect', more);
    s.on('drain', more);
    s.on('error', () => undefined);
    await new Promise((r) => s.once('close', r));
    delete process.env.VNMD_CLIENT_DRAIN_TIMEOUT_MS;
    // vnmd read only until its answers backed up, and dropped the client when they stayed unread.
    expect(handled).toBeLessThan(total);
    expect(written).toBeLessThan(total);
  });
});
