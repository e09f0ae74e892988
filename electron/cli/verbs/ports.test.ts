import { describe, expect, it } from 'vitest';
import type { NetworkPortSummary } from '../../../shared/rpc/contract';
import { formatPortTable, formatPortUuids } from './ports';

const port = (uuid: string): NetworkPortSummary => ({
  uuid,
  ownerName: 'g',
  ownerUuid: uuid,
  mac: '52:54:00:00:00:01',
});
const B = 'b0000000-0000-4000-8000-000000000000';
const A = 'a0000000-0000-4000-8000-000000000000';

describe('net-port-list', () => {
  it("prints virsh's one-column table, ports in UUID order", () => {
    const lines = formatPortTable([port(B), port(A)]).split('\n');
    expect(lines.map((l) => l.trimEnd())).toEqual([' UUID', '-'.repeat(39), ` ${A}`, ` ${B}`, '']);
  });

  it('prints the bare header and dashes when there is no port', () => {
    expect(
      formatPortTable([])
        .split('\n')
        .map((l) => l.trimEnd()),
    ).toEqual([' UUID', '-------', '']);
  });

  it('prints one UUID a line with --uuid', () => {
    expect(formatPortUuids([port(B), port(A)])).toBe(`${A}\n${B}\n`);
  });
});
