import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodError, INVALID_REQUEST, MAX_ID_CHARS, PARSE_ERROR, parseRequest } from './protocol';

describe('parseRequest', () => {
  it('reads a call and a notification', () => {
    expect(parseRequest('{"jsonrpc":"2.0","id":3,"method":"m","params":{"a":1}}')).toEqual({
      id: 3,
      wantsReply: true,
      method: 'm',
      params: { a: 1 },
    });
    expect(parseRequest('{"jsonrpc":"2.0","method":"m"}')).toMatchObject({ wantsReply: false, params: {} });
  });

  it.each([
    ['nope', PARSE_ERROR, /not valid JSON/],
    ['[1]', INVALID_REQUEST, /batch/],
    ['{"jsonrpc":"2.0","id":1}', INVALID_REQUEST, /"method"/],
    ['{"id":1,"method":"m"}', INVALID_REQUEST, /"jsonrpc": "2.0"/],
    ['{"jsonrpc":"2.0","id":[1],"method":"m"}', INVALID_REQUEST, /id must be/],
    ['{"jsonrpc":"2.0","id":1,"method":"m","params":[1]}', INVALID_REQUEST, /named members/],
  ])('refuses %s', (line, code, message) => {
    const r = parseRequest(line);
    expect('error' in r && r.error.code).toBe(code);
    expect('error' in r && r.error.message).toMatch(message);
    expect('error' in r && r.error.data.kind).toBe('invalid-argument');
  });

  it('keeps a readable id for the error reply', () => {
    expect(parseRequest('{"jsonrpc":"1.0","id":"x","method":"m"}')).toMatchObject({ id: 'x' });
  });

  it('refuses an id too long to echo, and does not echo it', () => {
    const line = JSON.stringify({ jsonrpc: '2.0', id: 'x'.repeat(MAX_ID_CHARS + 1), method: 'm' });
    const r = parseRequest(line);
    expect(r).toMatchObject({ id: null, error: { code: INVALID_REQUEST } });
    expect('error' in r && r.error.message).toMatch(/id is longer than 256/);
    const ok = JSON.stringify({ jsonrpc: '2.0', id: 'x'.repeat(MAX_ID_CHARS), method: 'm' });
    expect(parseRequest(ok)).toMatchObject({ wantsReply: true });
  });
});

describe('describeZodError', () => {
  it('names each field with its problem', () => {
    const r = z.strictObject({ network: z.string(), n: z.number() }).safeParse({ network: 1, extra: true });
    const text = describeZodError('Invalid params for network.start', r.error!);
    expect(text).toMatch(/^Invalid params for network.start: /);
    expect(text).toMatch(/network: /);
    expect(text).toMatch(/n: /);
    expect(text).toMatch(/extra/);
  });
});
