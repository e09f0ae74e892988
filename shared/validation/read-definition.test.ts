import { describe, expect, it } from 'vitest';
import { readNetworkDefinition } from './read-definition';

describe('readNetworkDefinition', () => {
  it('refuses text with U+FFFD, the trace of a decoding in the wrong encoding', () => {
    const r = readNetworkDefinition('<network><name>r\uFFFDseau</name></network>');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]?.message).toMatch(/U\+FFFD.*iconv -t UTF-8/);
  });

  it('reads a definition whose declaration names another encoding (the CLI decoded it)', () => {
    const r = readNetworkDefinition(
      "<?xml version='1.0' encoding='ISO-8859-1'?><network><name>réseau</name></network>",
    );
    expect(r.ok && r.def.name).toBe('réseau');
  });
});
