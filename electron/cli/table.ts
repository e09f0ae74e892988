/**
 * virsh's table layout (vsh-table.c): every cell is preceded by one space; every cell but a
 * row's last is padded to its column's width plus two spaces, so rows end without trailing
 * spaces; under the header a dashed line as wide as the columns plus three per column.
 * With `header: false` (virsh -q) the header and dashes are left out and the widths are
 * those of the rows alone, as virsh measures them. Scripts that parse virsh parse ours.
 */
export interface TableOptions {
  readonly header?: boolean;
}

export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  opts: TableOptions = {},
): string {
  const withHeader = opts.header ?? true;
  const measured = withHeader ? [header, ...rows] : rows;
  const widths = header.map((_, i) => Math.max(0, ...measured.map((r) => width(r[i] ?? ''))));
  const last = header.length - 1;
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === last ? ` ${c}` : ` ${c}${' '.repeat((widths[i] ?? 0) - width(c) + 2)}`))
      .join('') + '\n';
  const body = rows.map(line).join('');
  if (!withHeader) return body;
  const dashes = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 3 * widths.length);
  return line(header) + `${dashes}\n` + body;
}

/** Terminal width of a string, counting each code point as one column. */
function width(text: string): number {
  return [...text].length;
}

/** virsh's "Key:           value" lines: the key padded to 15 columns, then a space. */
export function formatKeyValues(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${k.padEnd(15)} ${v}\n`).join('');
}
