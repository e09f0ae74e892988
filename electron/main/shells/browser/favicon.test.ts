// @vitest-environment node
/**
 * The browser shell's tab and window show vnm's icon: the renderer's index.html links
 * favicon.svg from renderer/public (vite copies it beside index.html), and the shell serves
 * it as an SVG.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStatic } from './static-files';

const renderer = resolve(import.meta.dirname, '../../../../renderer');

describe('favicon', () => {
  it('is linked from index.html and served from the built folder as an SVG', async () => {
    const html = readFileSync(resolve(renderer, 'index.html'), 'utf8');
    const href = /<link rel="icon" type="image\/svg\+xml" href="\.\/([^"]+)"/.exec(html)?.[1];
    expect(href).toBe('favicon.svg');
    const file = await readStatic(resolve(renderer, 'public'), `/${href}`);
    expect(file?.type).toBe('image/svg+xml');
    const svg = file?.body.toString('utf8') ?? '';
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 64 64">/);
    expect(svg.trimEnd()).toMatch(/<\/svg>$/);
  });
});
