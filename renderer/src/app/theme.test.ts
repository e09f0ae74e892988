/**
 * The colours the network list draws inactive rows in (text.primary for the name,
 * text.secondary for the state line) reach WCAG AA (4.5:1) on the list's background and on
 * the selected row's tint, in both themes. text.disabled, which they used before, does not
 * in the light theme.
 */
import { describe, expect, it } from 'vitest';
import { alpha, decomposeColor, getContrastRatio, recomposeColor } from '@mui/material/styles';
import { createAppTheme } from './theme';

/** `top` (maybe translucent) painted over the opaque `bottom`, as the screen shows it. */
function over(top: string, bottom: string): string {
  const t = decomposeColor(top);
  const b = decomposeColor(bottom);
  const a = t.type === 'rgba' || t.type === 'hsla' ? (t.values[3] ?? 1) : 1;
  const mix = [0, 1, 2].map((i) => Math.round(t.values[i]! * a + b.values[i]! * (1 - a)));
  return recomposeColor({ type: 'rgb', values: mix as [number, number, number] });
}

describe.each(['light', 'dark'] as const)('%s theme', (mode) => {
  const { palette } = createAppTheme(mode);
  const paper = palette.background.paper;
  const selected = over(alpha(palette.primary.main, palette.action.selectedOpacity), paper);

  it.each([
    ['name (text.primary)', palette.text.primary],
    ['state line (text.secondary)', palette.text.secondary],
  ])('an inactive row’s %s reads at 4.5:1 or more, selected or not', (_what, colour) => {
    expect(getContrastRatio(over(colour, paper), paper)).toBeGreaterThanOrEqual(4.5);
    expect(getContrastRatio(over(colour, selected), selected)).toBeGreaterThanOrEqual(4.5);
  });
});

it('the disabled colour fails in the light theme (2.7:1: what the issue measured)', () => {
  const { palette } = createAppTheme('light');
  const paper = palette.background.paper;
  expect(getContrastRatio(over(palette.text.disabled, paper), paper)).toBeLessThan(4.5);
});
