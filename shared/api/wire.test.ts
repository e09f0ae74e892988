import { describe, expect, it } from 'vitest';
import { parseInvokeMessage, parseServerMessage } from './wire';

describe('wire messages', () => {
  it('parses a well-formed invoke and defaults params to {}', () => {
    expect(parseInvokeMessage('{"type":"invoke","id":3,"call":"hostInfo"}')).toEqual({
      type: 'invoke',
      id: 3,
      call: 'hostInfo',
      params: {},
    });
  });

  it.each([
    'not json',
    '[]',
    '{"type":"invoke","id":1.5,"call":"hostInfo"}',
    '{"type":"invoke","id":1,"call":"constructor"}',
    '{"type":"other","id":1,"call":"hostInfo"}',
  ])('rejects %s', (text) => {
    expect(parseInvokeMessage(text)).toBeNull();
  });

  it('parses results and pushes, and nothing else', () => {
    expect(parseServerMessage('{"type":"result","id":1,"result":{"ok":true,"value":1}}')).toMatchObject({
      id: 1,
    });
    expect(parseServerMessage('{"type":"push","channel":"event","payload":{}}')).toMatchObject({
      channel: 'event',
    });
    expect(parseServerMessage('{"type":"push","channel":"evil","payload":{}}')).toBeNull();
  });
});
