/**
 * `net-define --validate` and `net-create --validate`: virsh has libvirt check the XML against
 * its RelaxNG schema, which refuses elements and attributes it does not know (without the
 * flag libvirt, like vnmd, ignores them). vnm's schema is its codec: whatever the codec does
 * not carry from the input to its own libvirt-format output is not in the schema.
 */
import { VnmError } from '../../shared/rpc/errors';
import type { XmlElement } from '../../shared/xml';
import { formatNetworkXml, parseNetworkXml, parseXmlDocument, XmlSyntaxError } from '../../shared/xml';

const PREFIX = 'XML document failed to validate against schema';

/** Every element path ('network/ip/dhcp') with the attribute names seen on it. */
function shape(root: XmlElement): Map<string, Set<string>> {
  const paths = new Map<string, Set<string>>();
  const walk = (el: XmlElement, prefix: string) => {
    const path = prefix ? `${prefix}/${el.name}` : el.name;
    const attrs = paths.get(path) ?? new Set<string>();
    el.attributes.filter((a) => !a.name.startsWith('xmlns')).forEach((a) => attrs.add(a.name));
    paths.set(path, attrs);
    for (const c of el.children) if (c.kind === 'element') walk(c, path);
  };
  walk(root, '');
  return paths;
}

const where = (path: string) => {
  const parts = path.split('/');
  const parent = parts[parts.length - 2];
  return `<${parts[parts.length - 1]}>${parent ? ` in <${parent}>` : ''}`;
};

/** Throws what does not fit, in one sentence; returns when the XML is valid. */
export function checkAgainstSchema(xml: string): void {
  let input: XmlElement;
  try {
    input = parseXmlDocument(xml);
  } catch (err) {
    const why = err instanceof XmlSyntaxError ? err.message : String(err);
    throw new VnmError('invalid-argument', `${PREFIX}: ${why}`);
  }
  const parsed = parseNetworkXml(xml);
  if (!parsed.ok) throw new VnmError('invalid-argument', `${PREFIX}: ${parsed.errors[0]?.message ?? ''}`);
  const known = shape(parseXmlDocument(formatNetworkXml(parsed.def)));
  for (const [path, attrs] of shape(input)) {
    const kept = known.get(path);
    if (!kept) throw new VnmError('invalid-argument', `${PREFIX}: element ${where(path)} is not in it`);
    const unknown = [...attrs].find((a) => !kept.has(a));
    if (unknown !== undefined)
      throw new VnmError(
        'invalid-argument',
        `${PREFIX}: attribute '${unknown}' of ${where(path)} is not in it`,
      );
  }
}
