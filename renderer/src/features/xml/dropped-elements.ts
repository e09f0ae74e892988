/**
 * What a Save did not keep: elements of the edited XML that the stored definition lacks.
 * vnmd (as libvirt) drops elements it does not know without a word; the XML tab names them
 * after Save so an edit never vanishes silently.
 */

/** Element paths ('network/ip/dhcp/frob') of a well-formed document; empty when it is not. */
export function elementPaths(xml: string): Set<string> {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const paths = new Set<string>();
  if (doc.getElementsByTagName('parsererror').length > 0) return paths;
  const walk = (el: Element, prefix: string) => {
    const path = prefix ? `${prefix}/${el.tagName}` : el.tagName;
    paths.add(path);
    for (const child of Array.from(el.children)) walk(child, path);
  };
  if (doc.documentElement) walk(doc.documentElement, '');
  return paths;
}

/**
 * Elements of `edited` that `stored` does not have, outermost only ('network/frob', not also
 * 'network/frob/inner'), as '<frob>' within its parent: ['<frob> in <network>'].
 */
export function droppedElements(edited: string, stored: string): string[] {
  const kept = elementPaths(stored);
  const gone = [...elementPaths(edited)].filter((p) => !kept.has(p));
  const outermost = gone.filter((p) => !gone.some((q) => p.startsWith(`${q}/`)));
  return outermost.map((p) => {
    const parts = p.split('/');
    const name = parts[parts.length - 1] ?? p;
    const parent = parts[parts.length - 2];
    return parent ? `<${name}> in <${parent}>` : `<${name}>`;
  });
}
