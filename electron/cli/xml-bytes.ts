/**
 * Turns the bytes of an XML file into text the way an XML parser must (XML 1.0 appendix F):
 * a byte order mark wins, then the declaration's encoding, else UTF-8. vnm reads the
 * encodings people meet in practice (UTF-8, UTF-16, ISO-8859-1, US-ASCII) and refuses any
 * other, or bytes that are not what the file claims, with the iconv command that fixes it,
 * instead of passing replacement characters on (issue #20 item 12).
 */
import { CliFailure } from './context';

type Decoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1' | 'us-ascii';

const ALIASES: Record<string, Decoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'iso-8859-1': 'latin1',
  'iso8859-1': 'latin1',
  'iso_8859-1': 'latin1',
  latin1: 'latin1',
  'latin-1': 'latin1',
  'us-ascii': 'us-ascii',
  ascii: 'us-ascii',
};

/** The encoding a BOM or the first bytes announce, and how many bytes the BOM takes. */
function sniff(b: Uint8Array): { enc: Decoding; skip: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { enc: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { enc: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { enc: 'utf-16be', skip: 2 };
  // UTF-16 without a BOM still starts with '<' and '?' as 16-bit units.
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) return { enc: 'utf-16le', skip: 0 };
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) return { enc: 'utf-16be', skip: 0 };
  return undefined;
}

/** The encoding named in `<?xml ... encoding='...'?>`, read as ASCII. */
function declared(b: Uint8Array): string | undefined {
  const head = String.fromCharCode(...b.subarray(0, 200));
  return /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1];
}

function refuse(file: string, what: string, from: string): CliFailure {
  return new CliFailure([
    `${what} in '${file}': vnm reads UTF-8, UTF-16, ISO-8859-1 and US-ASCII; convert it with: iconv -f ${from} -t UTF-8 '${file}' > network.xml`,
  ]);
}

function decode(bytes: Uint8Array, enc: Decoding, file: string, label: string): string {
  if (enc === 'us-ascii') {
    if (bytes.some((x) => x >= 0x80))
      throw refuse(file, `A byte above 127 in a file declared ${label}`, 'ISO-8859-1');
    return new TextDecoder('latin1').decode(bytes);
  }
  if (enc === 'latin1') {
    // TextDecoder's latin1 is windows-1252; ISO-8859-1 maps every byte to the same code point.
    let out = '';
    for (const x of bytes) out += String.fromCharCode(x);
    return out;
  }
  try {
    return new TextDecoder(enc, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw refuse(file, `Bytes that are not valid ${label}`, 'ENCODING');
  }
}

/** The text of an XML file given as bytes, or a CliFailure saying how to convert it. */
export function decodeXmlBytes(bytes: Uint8Array, file: string): string {
  const bom = sniff(bytes);
  if (bom) return decode(bytes.subarray(bom.skip), bom.enc, file, bom.enc.toUpperCase());
  const name = declared(bytes);
  if (name === undefined) return decode(bytes, 'utf-8', file, 'UTF-8');
  const enc = ALIASES[name.toLowerCase()];
  if (!enc) throw refuse(file, `The declared encoding '${name}' is not supported`, name);
  if (enc !== 'utf-8' && enc !== 'latin1' && enc !== 'us-ascii') {
    throw refuse(file, `The file declares ${name} but has no byte order mark and is not UTF-16`, name);
  }
  return decode(bytes, enc, file, name);
}
