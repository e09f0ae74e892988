import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { networkSummary as net } from '../../../../shared/rpc/network-summary-fixtures';
import { buildAppInfo } from '../../ipc/app-info';
import { createInvokeHandler } from '../../ipc/invoke';
import { FakeBackend } from '../../test/fake-backend';
import { askList, KEPT_LIST_MS, ServedList } from './first-view';
import { startBrowserShell } from './server';
import type { BrowserShell } from './server';

const INDEX =
  '<!doctype html><html><head><script type="module" src="./assets/a.js"></script></head>' +
  '<body><div id="root"></div></body></html>';
const HOSTILE = '<script>alert("x")</script>';

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let backend: FakeBackend;
let shell: BrowserShell;
let root: string;
const invoke = () => createInvokeHandler({ backendFor: () => backend, appInfo: buildAppInfo('browser') });

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'vnm-first-view-test-'));
  writeFileSync(join(root, 'index.html'), INDEX);
  backend = new FakeBackend();
  backend.answers['network.list'] = () => [net('lab', 1), net(HOSTILE, 2)];
  shell = await startBrowserShell({
    backendFor: () => backend,
    invoke: invoke(),
    rendererDir: root,
    clientScript: '/* client */',
    port: 0,
  });
});

afterEach(async () => {
  await shell.close();
  rmSync(root, { recursive: true, force: true });
});

const listCalls = () => backend.calls.filter((c) => c.method === 'network.list').length;

describe('browser shell: the first view served in the page', () => {
  it('renders the list before #root for an authorised page, names as text', async () => {
    const r = await get(shell.port, `/?token=${shell.token}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/<body><div id="vnm-first-view">.*<\/div><div id="root"><\/div><\/body>/s);
    expect(r.body.match(/role="option"/g)).toHaveLength(2);
    expect(r.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(r.body).not.toContain(HOSTILE);
    // The client script still comes first, and nothing in the view runs.
    expect(r.body.match(/<script/g)).toHaveLength(2);
  });

  it('serves it to the token cookie too, in the colours of the theme cookie', async () => {
    const token = `vnm_token_${shell.port}=${shell.token}`;
    const dark = await get(shell.port, '/', { cookie: `${token}; vnm_theme=dark` });
    expect(dark.body).toContain('id="vnm-first-view"');
    expect(dark.body).toContain(':root{--t:#fff;');
    expect(dark.body).not.toContain('prefers-color-scheme');
    const odd = await get(shell.port, '/', { cookie: `${token}; vnm_theme=<b>` });
    expect(odd.body).toContain('prefers-color-scheme');
    expect(odd.body).not.toContain('<b>');
  });

  it.each([
    ['no token', '/', {}],
    ['a wrong token', '/?token=nope', {}],
    ['another Origin', '/?token=TOKEN', { origin: 'http://evil.example' }],
    ['a rebinding Host', '/?token=TOKEN', { host: 'localhost:PORT' }],
  ])(
    'never asks vnmd nor shows a row to a request with %s',
    async (_what, path, headers: Record<string, string>) => {
      const fix = (s: string) => s.replace('TOKEN', shell.token).replace('PORT', String(shell.port));
      const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, fix(v)]));
      const r = await get(shell.port, fix(path), h);
      expect(r.status).toBe(403);
      expect(r.body).not.toContain('lab');
      expect(listCalls()).toBe(0);
    },
  );

  it('serves the page as before when vnmd is not connected, for HEAD, and for another connection', async () => {
    const plain = (body: string) => expect(body).toMatch(/<body><div id="root"><\/div>/);
    backend.current = { state: 'connecting', uri: 'unix:/fake.sock' };
    plain((await get(shell.port, `/?token=${shell.token}`)).body);
    backend.current = { state: 'connected', uri: 'unix:/fake.sock' };
    expect((await get(shell.port, `/?token=${shell.token}`, {}, 'HEAD')).body).toBe('');
    plain((await get(shell.port, `/?token=${shell.token}&connection=ssh-1`)).body);
    expect(listCalls()).toBe(0);
  });

  it('serves the page without the view when vnmd fails, answers late or has no networks', async () => {
    backend.answers['network.list'] = () => {
      throw new Error('down');
    };
    expect((await get(shell.port, `/?token=${shell.token}`)).body).toMatch(/<body><div id="root">/);
    backend.answers['network.list'] = () => [];
    expect((await get(shell.port, `/?token=${shell.token}`)).body).toMatch(/<body><div id="root">/);
    backend.answers['network.list'] = () =>
      new Promise((resolve) => setTimeout(() => resolve([net('a', 1)]), 500));
    expect(await askList(invoke(), 'local', 20)).toBeNull();
  });
});

describe('browser shell: the list kept for the served view', () => {
  const lifecycle = { type: 'lifecycle', seq: 1, event: 'started', network: 'lab', detail: null } as const;

  it('serves a reload without asking vnmd again while nothing changed', async () => {
    await get(shell.port, `/?token=${shell.token}`);
    const again = await get(shell.port, `/?token=${shell.token}`);
    expect(again.body.match(/role="option"/g)).toHaveLength(2);
    expect(listCalls()).toBe(1);
  });

  it('asks again after a change of a network or of the connection, not after traffic samples', async () => {
    let clock = 0;
    const served = new ServedList(() => clock);
    const ask = () => served.get(backend, invoke(), 'local');
    await ask();
    backend.emit({ type: 'stats', seq: 2, samples: [] });
    await ask();
    expect(listCalls()).toBe(1);
    backend.emit(lifecycle);
    await ask();
    expect(listCalls()).toBe(2);
    backend.setStatus({ state: 'connected', uri: 'unix:/other.sock' });
    await ask();
    expect(listCalls()).toBe(3);
    clock += KEPT_LIST_MS;
    await ask();
    expect(listCalls()).toBe(4);
    served.close();
    expect(backend.listenerCount).toBe(0);
  });

  it('does not keep an answer a change overtook', async () => {
    const served = new ServedList();
    backend.answers['network.list'] = () => {
      backend.emit(lifecycle);
      return [net('lab', 1)];
    };
    expect(await served.get(backend, invoke(), 'local')).toHaveLength(1);
    await served.get(backend, invoke(), 'local');
    expect(listCalls()).toBe(2);
    served.close();
  });
});
