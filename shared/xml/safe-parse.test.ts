import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, attr, childElements, parseXmlDocument, textContent, utf8Length } from './safe-parse';

function syntaxError(text: string): XmlSyntaxError {
  try {
    parseXmlDocument(text);
  } catch (err) {
    if (err instanceof XmlSyntaxError) return err;
    throw err;
  }
  throw new Error('expected the document to be refused');
}

describe('parseXmlDocument', () => {
  it('builds elements with attributes in document order, text and line numbers', () => {
    const root = parseXmlDocument('<network b=\'2\' a="1">\n  <name>x&amp;y</name>\n  <ip/>\n</network>');
    expect(root.name).toBe('network');
    expect(root.attributes).toEqual([
      { name: 'b', value: '2' },
      { name: 'a', value: '1' },
    ]);
    expect(attr(root, 'a')).toBe('1');
    const [name, ip] = childElements(root);
    expect(textContent(name!)).toBe('x&y');
    expect(name!.line).toBe(2);
    expect(ip!.line).toBe(3);
  });

  it('keeps the source offsets of element content', () => {
    const text = '<a><m><x q="1">t</x></m></a>';
    const m = childElements(parseXmlDocument(text), 'm')[0]!;
    expect(text.slice(m.innerStart, m.innerEnd)).toBe('<x q="1">t</x>');
  });

  it('reads CDATA as text and ignores comments and processing instructions', () => {
    const root = parseXmlDocument('<?xml version="1.0"?><!-- c --><a><![CDATA[<b>]]><?pi x?></a>');
    expect(textContent(root)).toBe('<b>');
  });

  it('names a mismatched closing tag and both lines', () => {
    const err = syntaxError("<network>\n  <forward mode='nat'>\n  <ip/>\n</network>\n");
    expect(err.message).toMatch(/tag mismatch: <forward> from line 2 is closed by <\/network>/);
    expect(err.line).toBe(4);
  });

  it.each([
    ['an unclosed tag', '<a>', /unclosed tag/],
    ['text outside the root', 'text', /outside of root/],
    ['an empty document', '', /root element/],
    ['two roots', '<a/><b/>', /only one root/],
    ['a duplicate attribute', "<a b='1' b='2'/>", /duplicate attribute/],
    ['an undefined entity', '<a>&nbsp;</a>', /undefined entity/],
  ])('refuses %s with line and column', (_what, text, pattern) => {
    const err = syntaxError(text);
    expect(err.message).toMatch(pattern);
    expect(err.message).toMatch(/at line \d+, column \d+/);
  });
});

describe('hostile input', () => {
  const fast = { timeout: 1000 };

  it('refuses a billion-laughs entity bomb', fast, () => {
    const defs = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join(
      '',
    );
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">${defs}]><lolz>&l10;</lolz>`;
    expect(syntaxError(bomb).message).toMatch(/DOCTYPE declarations are not allowed/);
  });

  it('refuses external entities (XXE)', fast, () => {
    const xxe =
      '<!DOCTYPE network [<!ENTITY x SYSTEM "file:///etc/passwd">]><network><name>&x;</name></network>';
    expect(syntaxError(xxe).message).toMatch(/DOCTYPE/);
  });

  it('refuses a plain DOCTYPE', fast, () => {
    expect(syntaxError('<!DOCTYPE network SYSTEM "http://example.com/n.dtd"><network/>').message).toMatch(
      /DOCTYPE/,
    );
  });

  it('refuses input over 1 MiB before parsing it', fast, () => {
    const big = `<network><description>${'x'.repeat(1024 * 1024)}</description></network>`;
    expect(syntaxError(big).message).toMatch(/larger than 1048576 bytes/);
  });

  it('counts UTF-8 bytes, not characters, against the size limit', fast, () => {
    const text = `<a>${'é'.repeat(600 * 1024)}</a>`; // 600 Ki characters, 1.2 MiB
    expect(utf8Length('é😀')).toBe(6);
    expect(syntaxError(text).message).toMatch(/larger than/);
  });

  it('refuses nesting deeper than 64 levels', fast, () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    expect(syntaxError(deep).message).toMatch(/nested deeper than 64 levels/);
    expect(() => parseXmlDocument('<a>'.repeat(64) + '</a>'.repeat(64))).not.toThrow();
  });

  it('refuses too many elements', fast, () => {
    expect(syntaxError(`<a>${'<b/>'.repeat(30_000)}</a>`).message).toMatch(/more than 10000 elements/);
  });

  it('refuses too many attributes on one element', fast, () => {
    const attrs = Array.from({ length: 100 }, (_, i) => `a${i}='x'`).join(' ');
    expect(syntaxError(`<a ${attrs}/>`).message).toMatch(/more than 64 attributes/);
  });

  it('handles a quadratic-blowup style document (one huge attribute) within the limit', fast, () => {
    const root = parseXmlDocument(`<a v='${'y'.repeat(900_000)}'/>`);
    expect(attr(root, 'v')).toHaveLength(900_000);
  });
});
