/**
 * libvirt's dnsmasq namespace (bridge_driver.c networkDnsmasqXMLNamespace):
 *   <network xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>
 *     ...
 *     <dnsmasq:options><dnsmasq:option value='cname=a,b'/></dnsmasq:options>
 * Each value is one line passed to dnsmasq verbatim, at the end of its configuration.
 * Read by namespace URI (any prefix), written with libvirt's prefix, after the portgroups.
 */
import type { ParseContext } from './parse-context';
import type { XmlElement } from './safe-parse';
import { attr, childElements } from './safe-parse';
import type { XmlWriter } from './xml-writer';
import { localName, namespaceOf } from './xml-namespace';

export const DNSMASQ_XMLNS = 'http://libvirt.org/schemas/network/dnsmasq/1.0';
export const DNSMASQ_PREFIX = 'dnsmasq';
const PATH = 'network/dnsmasq:options/dnsmasq:option';

function inNamespace(el: XmlElement, name: string, scope: readonly XmlElement[]): boolean {
  return localName(el) === name && el.name.includes(':') && namespaceOf(el, scope) === DNSMASQ_XMLNS;
}

/** Every option of every <dnsmasq:options>, in document order; undefined when there are none. */
export function readDnsmasqOptions(ctx: ParseContext, root: XmlElement): string[] | undefined {
  const options: string[] = [];
  for (const group of childElements(root).filter((el) => inNamespace(el, 'options', [root]))) {
    for (const el of childElements(group).filter((c) => inNamespace(c, 'option', [group, root]))) {
      const value = attr(el, 'value');
      if (value === undefined) {
        ctx.error(el, PATH, "No dnsmasq options value specified: give each <dnsmasq:option> a value='...'.");
      } else {
        options.push(value);
      }
    }
  }
  return options.length > 0 ? options : undefined;
}

/** The root element's namespace declaration, present only when there are options. */
export function dnsmasqXmlnsAttr(options: readonly string[] | undefined): string | undefined {
  return options && options.length > 0 ? DNSMASQ_XMLNS : undefined;
}

export function formatDnsmasqOptions(w: XmlWriter, options: readonly string[] | undefined): void {
  if (!options || options.length === 0) return;
  w.block(`${DNSMASQ_PREFIX}:options`, [], () => {
    for (const value of options) w.empty(`${DNSMASQ_PREFIX}:option`, [['value', value]]);
  });
}
