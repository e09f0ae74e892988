/** A small line diff (longest common subsequence) for printing conformance failures. */

export function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = ['--- libvirt 9.0 (expected)', '+++ vnm (actual)'];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push(`+ ${visible(b[j]!)}`);
      j++;
    } else {
      out.push(`- ${visible(a[i]!)}`);
      i++;
    }
  }
  return out.join('\n');
}

/** Shows trailing blanks so whitespace-only differences can be seen. */
function visible(line: string): string {
  return line.replace(/[ \t]+$/, (m) => m.replace(/ /g, '·').replace(/\t/g, '→'));
}
