import { describe, expect, it } from 'vitest';
import { MetadataInputError, getMetadataElement, setMetadataElement } from './metadata-element';
import { metadataLines } from './format-metadata';

// libvirt's own example (tests/metadatatest.c): what an application sets, and what is stored.
const SET = `<derp xmlns:foobar='http://foo.bar/'><bar>foobar</bar><foo fooish='blurb'>foofoo</foo><foobar:baz>zomg</foobar:baz></derp>`;
const URI = 'http://herp.derp/';

describe('<metadata> elements by namespace', () => {
  it("stores the element in the key's prefix, bound to the URI, as libvirt does", () => {
    const inner = setMetadataElement(undefined, URI, 'herp', SET);
    expect(metadataLines(inner!)).toEqual([
      '<metadata>',
      '  <herp:derp xmlns:foobar="http://foo.bar/" xmlns:herp="http://herp.derp/">',
      '    <herp:bar>foobar</herp:bar>',
      '    <herp:foo fooish="blurb">foofoo</herp:foo>',
      '    <foobar:baz>zomg</foobar:baz>',
      '  </herp:derp>',
      '</metadata>',
    ]);
  });

  it("gives back what was set, without the namespace's prefix and declaration", () => {
    const inner = setMetadataElement(undefined, URI, 'herp', SET);
    expect(getMetadataElement(inner, URI)).toBe(
      [
        '<derp xmlns:foobar="http://foo.bar/">',
        '  <bar>foobar</bar>',
        '  <foo fooish="blurb">foofoo</foo>',
        '  <foobar:baz>zomg</foobar:baz>',
        '</derp>',
      ].join('\n'),
    );
    expect(getMetadataElement(inner, 'http://other/')).toBeUndefined();
  });

  it('replaces the element of that namespace and keeps the others; null removes it', () => {
    const other = `<app:x xmlns:app="http://app/">1</app:x>`;
    const first = setMetadataElement(other, URI, 'herp', '<a>1</a>');
    const second = setMetadataElement(first, URI, 'h2', '<b>2</b>');
    expect(second).toBe(`${other}<h2:b xmlns:h2="http://herp.derp/">2</h2:b>`);
    expect(getMetadataElement(second, URI)).toBe('<b>2</b>');
    expect(setMetadataElement(second, URI, undefined, null)).toBe(other);
    expect(getMetadataElement(second, 'http://app/')).toBe('<x>1</x>');
  });

  it('refuses a key that is not an XML name and XML that is not well-formed', () => {
    expect(() => setMetadataElement(undefined, URI, '1bad', '<a/>')).toThrow(MetadataInputError);
    expect(() => setMetadataElement(undefined, URI, 'k', '<a>')).toThrow(/metadata_xml/);
  });
});
