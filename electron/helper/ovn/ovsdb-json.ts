/**
 * The table output of ovn-nbctl, ovn-sbctl and ovs-vsctl with --format=json (RFC 7047's
 * notation): {"headings": [...], "data": [[cell, ...], ...]}, a cell being an atom (string,
 * number, boolean), ["uuid", U], ["named-uuid", N], ["set", [...]] or ["map", [[k, v], ...]].
 * Read as JSON, not scraped from the text format, so no value (a name with a quote, a comma or
 * a newline) can be mistaken for the syntax around it.
 */

export type OvsdbAtom = string | number | boolean;
export type OvsdbValue = OvsdbAtom | readonly OvsdbAtom[] | ReadonlyMap<string, string>;
export type OvsdbRow = Readonly<Record<string, OvsdbValue>>;

function atom(cell: unknown): OvsdbAtom {
  if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean') return cell;
  if (Array.isArray(cell) && (cell[0] === 'uuid' || cell[0] === 'named-uuid') && typeof cell[1] === 'string')
    return cell[1];
  throw new Error(`not an OVSDB atom: ${JSON.stringify(cell).slice(0, 80)}`);
}

function value(cell: unknown): OvsdbValue {
  if (Array.isArray(cell) && cell[0] === 'set' && Array.isArray(cell[1])) return cell[1].map(atom);
  if (Array.isArray(cell) && cell[0] === 'map' && Array.isArray(cell[1])) {
    const map = new Map<string, string>();
    for (const pair of cell[1] as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new Error('an OVSDB map pair is not [key, value]');
      map.set(String(atom(pair[0])), String(atom(pair[1])));
    }
    return map;
  }
  return atom(cell);
}

/** The rows of one --format=json table, each keyed by heading; throws on anything else. */
export function parseOvsdbTable(text: string): OvsdbRow[] {
  const doc = JSON.parse(text) as unknown;
  if (typeof doc !== 'object' || doc === null) throw new Error('OVSDB table output is not an object');
  const { headings, data } = doc as { headings?: unknown; data?: unknown };
  if (!Array.isArray(headings) || !Array.isArray(data))
    throw new Error('OVSDB table output lacks headings or data');
  return data.map((row: unknown) => {
    if (!Array.isArray(row) || row.length !== headings.length)
      throw new Error('an OVSDB row does not match its headings');
    const out: Record<string, OvsdbValue> = {};
    headings.forEach((h, i) => (out[String(h)] = value(row[i])));
    return out;
  });
}

/** A column as a list: a set as it is, one atom as a list of one (OVSDB prints a one-element set bare). */
export function asList(v: OvsdbValue | undefined): readonly OvsdbAtom[] {
  if (v === undefined || v instanceof Map) return [];
  return Array.isArray(v) ? (v as readonly OvsdbAtom[]) : [v as OvsdbAtom];
}

/** A string column (or an optional one, a set of at most one), or null when empty. */
export function asString(v: OvsdbValue | undefined): string | null {
  const first = asList(v)[0];
  return first === undefined ? null : String(first);
}

export function asMap(v: OvsdbValue | undefined): ReadonlyMap<string, string> {
  return v instanceof Map ? v : new Map();
}
