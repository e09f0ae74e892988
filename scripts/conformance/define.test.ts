import { describe, expect, it } from 'vitest';
import { defineLikeVnmd } from './define';
import { readGenerated } from './oracle';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ORACLE_UUID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const ORACLE_MAC = '52:54:00:12:34:56';

describe("the conformance runner's define", () => {
  it('expands a bridge name template as vnmd does', () => {
    const r = defineLikeVnmd("<network><name>t</name><bridge name='lab%dbr'/></network>");
    expect(r.ok && r.def.bridge?.name).toBe('lab0br');
  });

  it("takes the oracle's UUID and MAC where libvirt generated them", () => {
    const oracleXml = `<network>\n  <name>g</name>\n  <uuid>${ORACLE_UUID}</uuid>\n  <mac address='${ORACLE_MAC}'/>\n</network>\n`;
    const r = defineLikeVnmd('<network><name>g</name></network>', {
      xml: oracleXml,
      generated: new Set(['uuid', 'mac']),
    });
    expect(r.ok && [r.def.uuid, r.def.mac]).toEqual([ORACLE_UUID, ORACLE_MAC]);
  });

  it('keeps values the input gave', () => {
    const given = '3e3fce45-4f53-4fa7-bb32-11f34168b82b';
    const oracleXml = `<uuid>${ORACLE_UUID}</uuid>`;
    const r = defineLikeVnmd(`<network><name>g</name><uuid>${given}</uuid></network>`, { xml: oracleXml });
    expect(r.ok && r.def.uuid).toBe(given);
  });
});

describe('readGenerated', () => {
  it("reads MANIFEST.tsv's generated column by name", () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnm-manifest-'));
    writeFileSync(
      join(dir, 'MANIFEST.tsv'),
      'name\tintended\tgenerated\tdescription\na\tvalid\tmac,bridge\t-\nb\tvalid\t-\t-\nc\tvalid\tuuid,mac\t-\n',
    );
    const g = readGenerated(dir);
    expect([...(g.get('a') ?? [])]).toEqual(['mac', 'bridge']);
    expect([...(g.get('b') ?? [])]).toEqual([]);
    expect([...(g.get('c') ?? [])]).toEqual(['uuid', 'mac']);
  });
});
