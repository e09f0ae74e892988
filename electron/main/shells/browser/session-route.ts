/**
 * POST /session: the launch page (launch-page.ts) posts its one-time code here as a form,
 * a top-level navigation, so the answer may set the SameSite=Strict token cookie. The
 * answer then moves to the app from this origin (a meta refresh: the CSP allows no inline
 * script), so the cookie goes along with that first request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LaunchCodes } from './launch-codes';
import { checkSessionRequest, tokenCookie } from './security';
import type { Gate } from './security';

export const SESSION_PATH = '/session';
const MAX_BODY_BYTES = 1024;

const NEXT_PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/">' +
  '<title>vnm</title></head><body><a href="/">Open vnm</a></body></html>\n';

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    // An over-long body is read to its end and dropped, so the caller still gets an answer.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) parts.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${text}\n`);
}

export async function serveSession(
  req: IncomingMessage,
  res: ServerResponse,
  gate: Gate,
  codes: LaunchCodes,
  headers: Record<string, string>,
): Promise<void> {
  const verdict = checkSessionRequest(req, gate);
  if (!verdict.ok) return refuse(res, 403, `Forbidden: ${verdict.reason}.`);
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'POST' });
    return void res.end();
  }
  const body = await readBody(req);
  const code = body === null ? null : new URLSearchParams(body).get('code');
  if (code === null || !codes.redeem(code)) {
    return refuse(
      res,
      403,
      'Forbidden: this launch code is unknown, used or expired. Start vnm again, or open the address it printed.',
    );
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Set-Cookie': tokenCookie(gate),
  });
  res.end(NEXT_PAGE);
}
