/**
 * virsh's table layout (vshTable): every cell is preceded by one space and followed by two,
 * columns padded to their widest cell, and under the header a dashed line as wide as the
 * columns plus three per column. Scripts that parse virsh output parse ours the same way.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => ` ${c}${' '.repeat((widths[i] ?? 0) - width(c))}  `).join('') + '\n';
  const dashes = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 3 * widths.length);
  return line(header) + `${dashes}\n` + rows.map(line).join('');
}

/** Terminal width of a string, counting each code point as one column. */
function width(text: string): number {
  return [...text].length;
}

/** virsh's "Key:           value" lines: the key padded to 15 columns, then a space. */
export function formatKeyValues(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${k.padEnd(15)} ${v}\n`).join('');
}
