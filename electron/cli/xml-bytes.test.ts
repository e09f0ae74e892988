import { describe, expect, it } from 'vitest';
import { decodeXmlBytes } from './xml-bytes';

const NET = '<network><name>réseau</name></network>';
const decl = (enc: string) => `<?xml version='1.0' encoding='${enc}'?>\n${NET}`;
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

describe('decodeXmlBytes', () => {
  it.each([
    ['UTF-8 without a declaration', Buffer.from(NET, 'utf8'), NET],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NET)]), NET],
    [
      'UTF-16LE with a BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(decl('UTF-16'), 'utf16le')]),
      decl('UTF-16'),
    ],
    [
      'UTF-16BE with a BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(decl('UTF-16'))]),
      decl('UTF-16'),
    ],
    ['UTF-16LE without a BOM', Buffer.from(decl('UTF-16'), 'utf16le'), decl('UTF-16')],
    ['ISO-8859-1 declared', Buffer.from(decl('ISO-8859-1'), 'latin1'), decl('ISO-8859-1')],
    ['latin1 declared', Buffer.from(decl('latin1'), 'latin1'), decl('latin1')],
  ])('reads %s', (_what, bytes, text) => {
    expect(decodeXmlBytes(bytes, 'net.xml')).toBe(text);
  });

  it('reads US-ASCII, and refuses a byte above 127 in it', () => {
    const ascii = "<?xml version='1.0' encoding='US-ASCII'?><network><name>a</name></network>";
    expect(decodeXmlBytes(Buffer.from(ascii), 'a.xml')).toBe(ascii);
    expect(() => decodeXmlBytes(Buffer.from(decl('US-ASCII'), 'latin1'), 'a.xml')).toThrow(/above 127/);
  });

  it('refuses ISO-8859-1 bytes that claim to be UTF-8, with the iconv command', () => {
    expect(() => decodeXmlBytes(Buffer.from(NET, 'latin1'), 'net.xml')).toThrow(
      /not valid UTF-8 in 'net.xml'.*iconv -f ENCODING -t UTF-8 'net.xml'/,
    );
  });

  it('refuses an encoding it does not read, naming it', () => {
    expect(() => decodeXmlBytes(Buffer.from(decl('EBCDIC-US')), 'e.xml')).toThrow(
      /declared encoding 'EBCDIC-US' is not supported.*iconv -f EBCDIC-US -t UTF-8/,
    );
  });
});
