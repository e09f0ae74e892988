import { describe, expect, it } from 'vitest';
import { asList, asMap, asString, parseOvsdbTable } from './ovsdb-json';

// As ovn-nbctl --format=json --columns=_uuid,name,addresses,up,external_ids find … prints it.
const TABLE = JSON.stringify({
  data: [
    [
      ['uuid', '0b4e0c1a-65f3-4b55-8f40-2c0c1e9d7a01'],
      'p1',
      ['set', ['52:54:00:00:00:01 dynamic', 'unknown']],
      true,
      [
        'map',
        [
          ['vnm-port', 'p1'],
          ['vnm-uuid', 'u"1'],
        ],
      ],
    ],
    [
      ['uuid', '0b4e0c1a-65f3-4b55-8f40-2c0c1e9d7a02'],
      'p,2\n',
      '52:54:00:00:00:02',
      ['set', []],
      ['map', []],
    ],
  ],
  headings: ['_uuid', 'name', 'addresses', 'up', 'external_ids'],
});

describe('OVSDB JSON tables', () => {
  it('reads uuids, sets (a one-element set printed bare), maps and booleans by heading', () => {
    const [r1, r2] = parseOvsdbTable(TABLE);
    expect(asString(r1!._uuid)).toBe('0b4e0c1a-65f3-4b55-8f40-2c0c1e9d7a01');
    expect(asList(r1!.addresses)).toEqual(['52:54:00:00:00:01 dynamic', 'unknown']);
    expect(asList(r2!.addresses)).toEqual(['52:54:00:00:00:02']);
    expect(asList(r1!.up)).toEqual([true]);
    expect(asList(r2!.up)).toEqual([]);
    expect(asMap(r1!.external_ids).get('vnm-uuid')).toBe('u"1');
    expect(asMap(r2!.external_ids).size).toBe(0);
  });

  it('keeps quotes, commas and newlines inside values as values', () => {
    expect(asString(parseOvsdbTable(TABLE)[1]!.name)).toBe('p,2\n');
  });

  it('says an empty optional column is null, and a non-map column an empty map', () => {
    const [row] = parseOvsdbTable('{"data":[[["set",[]]]],"headings":["dynamic_addresses"]}');
    expect(asString(row!.dynamic_addresses)).toBeNull();
    expect(asMap(row!.dynamic_addresses).size).toBe(0);
  });

  it('refuses output that is not a table', () => {
    expect(() => parseOvsdbTable('[]')).toThrow(/headings or data/);
    expect(() => parseOvsdbTable('{"data":[["a","b"]],"headings":["x"]}')).toThrow(/does not match/);
    expect(() => parseOvsdbTable('{"data":[[{"x":1}]],"headings":["x"]}')).toThrow(/not an OVSDB atom/);
    expect(() => parseOvsdbTable('ovn-nbctl: no row')).toThrow();
  });
});
