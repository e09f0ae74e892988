/** Reads the guest-port settings: <bandwidth>, <vlan>, <virtualport> and <portgroup>. */
import type { Bandwidth, BandwidthRate, Portgroup, Virtualport, Vlan, VlanTag } from '../model/network';
import type { ParseContext } from './parse-context';
import { defined } from './parse-context';
import type { XmlElement } from './safe-parse';
import { attr, childElements, firstChild } from './safe-parse';

export function parseBandwidth(ctx: ParseContext, el: XmlElement, path: string): Bandwidth | undefined {
  const rate = (name: 'inbound' | 'outbound'): BandwidthRate | undefined => {
    const els = childElements(el, name);
    if (els.length > 1)
      return ctx.error(els[1], `${path}/${name}`, `Only one child <${name}> element allowed in <bandwidth>.`);
    const r = els[0];
    if (!r) return undefined;
    const p = `${path}/${name}`;
    return defined<BandwidthRate>({
      average: ctx.uint(r, p, 'average'),
      peak: ctx.uint(r, p, 'peak'),
      burst: ctx.uint(r, p, 'burst'),
      floor: ctx.uint(r, p, 'floor'),
    });
  };
  const inbound = rate('inbound');
  const outbound = rate('outbound');
  if (!inbound && !outbound) return undefined;
  return defined<Bandwidth>({ inbound, outbound });
}

export function parseVlan(ctx: ParseContext, el: XmlElement, path: string): Vlan | undefined {
  const tags: VlanTag[] = [];
  for (const t of childElements(el, 'tag')) {
    const id = ctx.uint(
      t,
      `${path}/tag`,
      'id',
      "missing or invalid vlan tag id attribute; use <tag id='N'/> with N from 0 to 4095.",
    );
    if (attr(t, 'id') === undefined)
      ctx.error(
        t,
        `${path}/tag`,
        "missing or invalid vlan tag id attribute; use <tag id='N'/> with N from 0 to 4095.",
      );
    if (id === undefined) continue;
    const nativeMode = ctx.oneOf(
      t,
      `${path}/tag`,
      'nativeMode',
      ['tagged', 'untagged'] as const,
      `Attribute "nativeMode='${attr(t, 'nativeMode')}'" is invalid; use 'tagged' or 'untagged'.`,
    );
    tags.push(nativeMode ? { id, nativeMode } : { id });
  }
  const trunkText = attr(el, 'trunk');
  let trunk: 'yes' | 'no' | undefined;
  if (trunkText !== undefined) {
    const t = trunkText.toLowerCase();
    if (t !== 'yes' && t !== 'no') {
      return ctx.error(el, path, `invalid "trunk='${trunkText}'" in <vlan> - must be yes or no.`);
    }
    trunk = t;
  }
  return trunk ? { trunk, tags } : { tags };
}

export function parseVirtualport(el: XmlElement): Virtualport {
  const params = firstChild(el, 'parameters');
  const parameters = params ? params.attributes.map((a) => [a.name, a.value] as const) : [];
  const type = attr(el, 'type');
  return type !== undefined ? { type, parameters } : { parameters };
}

export function parsePortgroup(ctx: ParseContext, el: XmlElement): Portgroup | undefined {
  const path = 'network/portgroup';
  const name = attr(el, 'name');
  if (!name) return ctx.error(el, path, 'Missing required name attribute in portgroup.');
  const isDefault = attr(el, 'default');
  const vp = firstChild(el, 'virtualport');
  const bw = firstChild(el, 'bandwidth');
  const vlan = firstChild(el, 'vlan');
  return defined<Portgroup>({
    name,
    default: isDefault !== undefined && isDefault.toLowerCase() === 'yes' ? 'yes' : undefined,
    trustGuestRxFilters: ctx.yesNo(
      el,
      path,
      'trustGuestRxFilters',
      `Invalid trustGuestRxFilters setting '${attr(el, 'trustGuestRxFilters')}' in portgroup; use 'yes' or 'no'.`,
    ),
    virtualport: vp ? parseVirtualport(vp) : undefined,
    bandwidth: bw ? parseBandwidth(ctx, bw, `${path}/bandwidth`) : undefined,
    vlan: vlan ? parseVlan(ctx, vlan, `${path}/vlan`) : undefined,
  });
}
