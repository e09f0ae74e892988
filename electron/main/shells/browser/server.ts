/**
 * The browser shell: the built renderer over HTTP and the same `window.vnm` over a
 * WebSocket, on 127.0.0.1 only, behind a random token (security.ts).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { parseInvokeMessage } from '../../../../shared/api/wire';
import type { ServerMessage } from '../../../../shared/api/wire';
import { LOCAL_CONNECTION } from '../../../../shared/api/contract';
import type { Backend } from '../../backend/backend';
import type { ConnectionRegistry } from '../../connections/registry';
import type { InvokeHandler } from '../../ipc/invoke';
import type { PushSender } from '../../ipc/push';
import { forwardListPushes, forwardPushes } from '../../ipc/push';
import { LaunchCodes } from './launch-codes';
import { checkRequest, newToken, tokenCookie } from './security';
import type { Gate } from './security';
import { serveSession, SESSION_PATH } from './session-route';
import { injectClientScript, readStatic } from './static-files';
import { pageTheme, ServedList, writePageWithFirstView } from './first-view';

export const CLIENT_SCRIPT_PATH = '/vnm-client.js';
export const SOCKET_PATH = '/ws';
const HOST = '127.0.0.1';
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export interface BrowserShellOptions {
  /** The connection a page shows, by its `?connection=` id (absent: the local one). */
  readonly backendFor: (connection: string) => Backend | undefined;
  /** Pushes every page gets (the connection list, ssh's questions); absent with one connection. */
  readonly connections?: ConnectionRegistry;
  readonly invoke: InvokeHandler;
  /** The built renderer folder (out/renderer). */
  readonly rendererDir: string;
  /** The page client script's source (out/browser/vnm-client.js). */
  readonly clientScript: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly token?: string;
  /** Launch codes (tests pass their own clock). */
  readonly codes?: LaunchCodes;
}

export interface BrowserShell {
  /** The address with the token: only for the user's own eyes (see print-address.ts). */
  readonly url: string;
  /** The origin, without any secret: http://127.0.0.1:PORT */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** A one-time code for POST /session (launch-page.ts); `onUsed` runs when it is redeemed. */
  launchCode(onUsed?: () => void): string;
  close(): Promise<void>;
}

export async function startBrowserShell(opts: BrowserShellOptions): Promise<BrowserShell> {
  const token = opts.token ?? newToken();
  const codes = opts.codes ?? new LaunchCodes();
  const served = new ServedList();
  const gate: { current: Gate | null } = { current: null };
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * 1024 * 1024 });
  wss.on('connection', (ws, req: IncomingMessage) => serveSocket(ws, pageConnection(req), opts));
  const server = createServer((req, res) => {
    if (gate.current) void serveHttp(req, res, gate.current, opts, codes, served);
  });
  server.on('upgrade', (req, socket, head) => {
    if (gate.current) upgrade(req, socket, head, gate.current, wss);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  gate.current = { host: `${HOST}:${port}`, origin: `http://${HOST}:${port}`, token, port };
  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    origin: gate.current.origin,
    port,
    token,
    launchCode: (onUsed) => codes.issue(onUsed),
    close: () => {
      served.close();
      return closeAll(server, wss);
    },
  };
}

function deny(res: ServerResponse, reason: string): void {
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`Forbidden: ${reason}. Open the full address that \`npm start\` printed (it carries the token).\n`);
}

async function serveHttp(
  req: IncomingMessage,
  res: ServerResponse,
  gate: Gate,
  opts: BrowserShellOptions,
  codes: LaunchCodes,
  served: ServedList,
) {
  const url = new URL(req.url ?? '/', gate.origin);
  if (url.pathname === SESSION_PATH) return serveSession(req, res, gate, codes, SECURITY_HEADERS);
  const verdict = checkRequest(req, url, gate, false);
  if (!verdict.ok) return deny(res, verdict.reason);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    return void res.end();
  }
  const headers: Record<string, string> = { ...SECURITY_HEADERS };
  if (verdict.tokenFrom === 'query') headers['Set-Cookie'] = tokenCookie(gate);
  let body: Buffer | string;
  if (url.pathname === CLIENT_SCRIPT_PATH) {
    headers['Content-Type'] = 'text/javascript; charset=utf-8';
    body = opts.clientScript;
  } else {
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = await readStatic(opts.rendererDir, path);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('Not found\n');
    }
    headers['Content-Type'] = file.type;
    if (path === '/index.html' && req.method === 'GET') {
      const connection = pageConnection(req);
      const html = injectClientScript(file.body.toString('utf8'), CLIENT_SCRIPT_PATH);
      res.writeHead(200, headers);
      const backend = opts.backendFor(connection);
      const theme = pageTheme(req.headers.cookie);
      return writePageWithFirstView(res, html, connection, backend, opts.invoke, served, theme);
    }
    // Vite names assets by content hash, so they never change under the same name.
    if (path.startsWith('/assets/')) headers['Cache-Control'] = 'private, max-age=31536000, immutable';
    body =
      path === '/index.html' ? injectClientScript(file.body.toString('utf8'), CLIENT_SCRIPT_PATH) : file.body;
  }
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, gate: Gate, wss: WebSocketServer): void {
  const url = new URL(req.url ?? '/', gate.origin);
  const verdict = url.pathname === SOCKET_PATH ? checkRequest(req, url, gate, true) : null;
  if (!verdict?.ok) {
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
}

/** The page client puts its page's `?connection=` id on the socket's address (page-client.ts). */
function pageConnection(req: IncomingMessage): string {
  const id = new URL(req.url ?? '/', 'http://page').searchParams.get('connection');
  return id && id.length <= 100 ? id : LOCAL_CONNECTION;
}

function serveSocket(ws: WebSocket, connection: string, opts: BrowserShellOptions): void {
  const send = (msg: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const push: PushSender = (channel, payload) => send({ type: 'push', channel, payload });
  const backend = opts.backendFor(connection);
  const stops = [
    backend ? forwardPushes(backend, push) : () => undefined,
    opts.connections ? forwardListPushes(opts.connections, push) : () => undefined,
  ];
  if (backend) push('connection', backend.status());
  else
    push('connection', {
      state: 'failed',
      uri: '',
      reason: `there is no connection "${connection}" any more`,
    });
  const caller = { connection };
  ws.on('message', (data, isBinary) => {
    const msg = !isBinary && Buffer.isBuffer(data) ? parseInvokeMessage(data.toString('utf8')) : null;
    if (!msg) return ws.close(1008, 'malformed message');
    void opts
      .invoke(msg.call, msg.params, caller)
      .then((result) => send({ type: 'result', id: msg.id, result }));
  });
  const stop = () => {
    for (const s of stops.splice(0)) s();
  };
  ws.on('close', stop);
  ws.on('error', stop);
}

async function closeAll(server: ReturnType<typeof createServer>, wss: WebSocketServer): Promise<void> {
  for (const ws of wss.clients) ws.terminate();
  wss.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
