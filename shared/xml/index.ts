export { parseNetworkXml } from './parse-network';
export type { ParseError, ParseNetworkResult } from './parse-network';
export { formatNetworkXml } from './format-network';
export type { FormatOptions } from './format-network';
export { parseXmlDocument, XmlSyntaxError, DEFAULT_XML_LIMITS } from './safe-parse';
export type { XmlElement, XmlNode, XmlLimits } from './safe-parse';
export { canonicalUuid } from './uuid';
export { VNM_XMLNS, forwardsXml } from './forwards';
