import { describe, expect, it } from 'vitest';
import { parseBindings } from './southbound';

const table = (headings: string[], data: unknown[][]) => JSON.stringify({ headings, data });
const BINDING = ['logical_port', 'chassis'];
const CA = '4c1d1a0e-0000-4000-8000-00000000000a';
const CB = '4c1d1a0e-0000-4000-8000-00000000000b';

describe('southbound port bindings', () => {
  it('names the hostname of the chassis each port is bound to, skipping unbound ports', () => {
    const out = [
      table(BINDING, [['pa', ['uuid', CA]]]),
      table(BINDING, [['pb', ['uuid', CB]]]),
      table(BINDING, [['unbound', ['set', []]]]),
      table(BINDING, []),
      table(
        ['_uuid', 'name', 'hostname'],
        [
          [['uuid', CA], 'sys-a', 'host-a'],
          [['uuid', CB], 'sys-b', ''],
        ],
      ),
    ].join('\n');
    expect(parseBindings(out)).toEqual(
      new Map([
        ['pa', 'host-a'],
        ['pb', 'sys-b'], // no hostname: its system-id
      ]),
    );
  });
});
