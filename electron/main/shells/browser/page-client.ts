/**
 * The script the browser shell injects before the renderer: it opens the WebSocket (with
 * the page's token, or its cookie) and puts the same `window.vnm` bridge the Electron preload exposes.
 * Bundled as a classic script (out/browser/vnm-client.js); uses no DOM type on purpose
 * so it type-checks with the main process.
 */
import { createSocketBridge } from '../../../../shared/api/socket-bridge';
import type { SocketLike } from '../../../../shared/api/socket-bridge';

interface PageGlobals {
  location: { host: string; search: string };
  WebSocket: new (url: string) => SocketLike;
  vnm?: unknown;
}

const page = globalThis as unknown as PageGlobals;
// Opened with a launch code, the page has no token of its own: the HttpOnly cookie goes along.
const pageQuery = new URLSearchParams(page.location.search);
const socketQuery = new URLSearchParams();
const token = pageQuery.get('token');
if (token) socketQuery.set('token', token);
// The page shows one connection (Connections… opens another as /?connection=ID); the socket says which.
const connection = pageQuery.get('connection');
if (connection) socketQuery.set('connection', connection);
const query = socketQuery.size > 0 ? `?${socketQuery.toString()}` : '';
const socket = new page.WebSocket(`ws://${page.location.host}/ws${query}`);
Object.defineProperty(page, 'vnm', { value: Object.freeze(createSocketBridge(socket)), enumerable: true });
