import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createVnmClient } from '../../../../shared/api/client';
import { createSocketBridge } from '../../../../shared/api/socket-bridge';
import type { ConnectionStatus } from '../../../../shared/api/contract';
import type { VnmEvent } from '../../../../shared/rpc/contract';
import { buildAppInfo } from '../../ipc/app-info';
import { createInvokeHandler } from '../../ipc/invoke';
import { FakeBackend } from '../../test/fake-backend';
import { startBrowserShell } from './server';
import type { BrowserShell } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function post(
  port: number,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          host: `127.0.0.1:${port}`,
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let backend: FakeBackend;
let shell: BrowserShell;
let root: string;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'vnm-shell-test-'));
  mkdirSync(join(root, 'renderer/assets'), { recursive: true });
  writeFileSync(
    join(root, 'renderer/index.html'),
    '<html><head><script type="module" src="./assets/a.js"></script></head></html>',
  );
  writeFileSync(join(root, 'renderer/assets/a.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  backend = new FakeBackend();
  shell = await startBrowserShell({
    backendFor: () => backend,
    invoke: createInvokeHandler({ backendFor: () => backend, appInfo: buildAppInfo('browser') }),
    rendererDir: join(root, 'renderer'),
    clientScript: '/* client */',
    port: 0,
  });
});

afterEach(async () => {
  await shell.close();
  rmSync(root, { recursive: true, force: true });
});

describe('browser shell HTTP', () => {
  it('serves the page with the token, injecting the client script first, and sets the cookie', async () => {
    const r = await get(shell.port, `/?token=${shell.token}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/<script defer src="\/vnm-client\.js"><\/script>\s*<script type="module"/);
    expect(String(r.headers['set-cookie'])).toContain(`vnm_token_${shell.port}=${shell.token}`);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/?token=${shell.token}`);
  });

  it('serves assets with the cookie instead of the token', async () => {
    const r = await get(shell.port, '/assets/a.js', { cookie: `vnm_token_${shell.port}=${shell.token}` });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('javascript');
  });

  it.each([
    ['no token', '/', {}],
    ['a wrong token', '/?token=nope', {}],
    ['a wrong cookie', '/assets/a.js', { cookie: 'vnm_token_1=abc' }],
    ['another Host', '/?token=TOKEN', { host: 'evil.example:80' }],
    ['a rebinding Host', '/?token=TOKEN', { host: 'localhost:PORT' }],
    ['another Origin', '/?token=TOKEN', { origin: 'http://evil.example' }],
  ])('refuses a request with %s', async (_what, path, headers: Record<string, string>) => {
    const fix = (s: string) => s.replace('TOKEN', shell.token).replace('PORT', String(shell.port));
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, fix(v)]));
    const r = await get(shell.port, fix(path), h);
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/Forbidden/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await get(shell.port, `${path}${path.includes('?') ? '&' : '?'}token=${shell.token}`);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('secret');
    }
  });

  it('serves the client script', async () => {
    const r = await get(shell.port, `/vnm-client.js?token=${shell.token}`);
    expect(r.body).toBe('/* client */');
  });
});

describe('browser shell launch code (POST /session)', () => {
  const fromLaunchPage = { origin: 'null' };

  it('trades a code once for the HttpOnly SameSite=Strict token cookie, then moves on to the app', async () => {
    let used = 0;
    const code = shell.launchCode(() => used++);
    const r = await post(shell.port, '/session', `code=${code}`, fromLaunchPage);
    expect(r.status).toBe(200);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toContain(`vnm_token_${shell.port}=${shell.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(r.body).toContain('<meta http-equiv="refresh" content="0;url=/">');
    expect(r.body).not.toContain(shell.token);
    expect(used).toBe(1);
    const again = await post(shell.port, '/session', `code=${code}`, fromLaunchPage);
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    const page = await get(shell.port, '/', { cookie: `vnm_token_${shell.port}=${shell.token}` });
    expect(page.status).toBe(200);
  });

  it.each([
    ['a wrong code', 'code=nope', fromLaunchPage],
    ['no code', '', fromLaunchPage],
    ['the token instead of a code', 'code=TOKEN', fromLaunchPage],
    ['an over-long body', `code=${'x'.repeat(5000)}`, fromLaunchPage],
    ['another Origin', 'code=CODE', { origin: 'http://evil.example' }],
    ['a rebinding Host', 'code=CODE', { host: 'localhost:PORT' }],
  ])('refuses %s, and sets no cookie', async (_what, body, headers: Record<string, string>) => {
    const code = shell.launchCode();
    const fix = (s: string) =>
      s.replace('TOKEN', shell.token).replace('CODE', code).replace('PORT', String(shell.port));
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, fix(v)]));
    const r = await post(shell.port, '/session', fix(body), h);
    expect(r.status).toBe(403);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('takes only POST', async () => {
    const r = await get(shell.port, '/session');
    expect(r.status).toBe(405);
  });
});

function openSocket(token: string, origin = `http://127.0.0.1:${shell.port}`): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${shell.port}/ws?token=${token}`, { origin });
}

function openSocketWithCookie(cookie: string, origin = `http://127.0.0.1:${shell.port}`): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${shell.port}/ws`, { origin, headers: { cookie } });
}

function refusal(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => resolve(101));
    ws.on('error', () => undefined);
  });
}

describe('browser shell WebSocket', () => {
  it('refuses a bad token and a foreign origin', async () => {
    expect(await refusal(openSocket('wrong'))).toBe(403);
    expect(await refusal(openSocket(shell.token, 'http://evil.example'))).toBe(403);
  });

  it('lets in a page that has only the cookie (opened with a launch code), from its own origin only', async () => {
    const cookie = `vnm_token_${shell.port}=${shell.token}`;
    const ok = openSocketWithCookie(cookie);
    expect(await refusal(ok)).toBe(101);
    ok.close();
    expect(await refusal(openSocketWithCookie(cookie, 'http://evil.example'))).toBe(403);
    expect(await refusal(openSocketWithCookie(`vnm_token_${shell.port}=wrong`))).toBe(403);
  });

  it('carries window.vnm: calls, errors as data, events and connection changes', async () => {
    backend.answers['network.list'] = () => [{ name: 'default' }];
    const ws = openSocket(shell.token);
    const client = createVnmClient(createSocketBridge(ws));
    const statuses: ConnectionStatus[] = [];
    const events: VnmEvent[] = [];
    client.onConnection((s) => statuses.push(s));
    client.onEvent((e) => events.push(e));
    await expect(client.listNetworks({ filter: 'all' })).resolves.toEqual([{ name: 'default' }]);
    expect(backend.calls).toEqual([{ method: 'network.list', params: { filter: 'all' } }]);
    await expect(client.startNetwork({ network: 'x' })).rejects.toMatchObject({ kind: 'internal' });
    expect(statuses[0]).toEqual({ state: 'connected', uri: 'unix:/fake.sock' });
    backend.emit({ type: 'leases', seq: 7, network: 'default' });
    backend.setStatus({ state: 'lost', uri: 'unix:/fake.sock', reason: 'gone', attempt: 1 });
    // The status is sent after the event on the same socket: once it is here, so is the event.
    await vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ state: 'lost' }), { timeout: 10_000 });
    expect(events).toEqual([{ type: 'leases', seq: 7, network: 'default' }]);
    expect(statuses.at(-1)).toMatchObject({ state: 'lost', reason: 'gone' });
    ws.close();
  });

  it('closes a socket that sends a malformed message, and stops forwarding to it', async () => {
    const ws = openSocket(shell.token);
    await new Promise((r) => ws.on('open', r));
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.send('{"type":"invoke","id":1,"call":"__proto__"}');
    expect(await closed).toBe(1008);
    await vi.waitFor(() => expect(backend.listenerCount).toBe(0), { timeout: 10_000 });
  });
});
