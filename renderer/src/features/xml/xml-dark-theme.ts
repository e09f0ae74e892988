/**
 * The XML editor's dark theme: CodeMirror's One Dark with its two colours that read below
 * WCAG's 4.5:1 on its own background made lighter (the gutter's line numbers and comments,
 * 3.9:1; attribute names, 4.4:1). Everything else is One Dark's, so the editor still looks
 * like the one people know.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Prec, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { oneDarkHighlightStyle, oneDarkTheme } from '@uiw/react-codemirror';

/** One Dark's "stone" (line numbers, comments, meta), lightened: 5.4:1 on #282c34, 5.1:1 on #2c313a. */
const STONE = '#9aa2b1';
/** One Dark's "coral" (attribute and other names), lightened: 5.5:1 and 5.1:1. */
const CORAL = '#e8868e';

/** One Dark's colours that fall short, and what replaces each. */
const DARK_CONTRAST_FIXES: Readonly<Record<string, string>> = { '#7d8799': STONE, '#e06c75': CORAL };

const highlight = HighlightStyle.define(
  oneDarkHighlightStyle.specs.map((spec) => {
    const fix = typeof spec.color === 'string' ? DARK_CONTRAST_FIXES[spec.color] : undefined;
    return fix ? { ...spec, color: fix } : spec;
  }),
);

export const xmlDarkTheme: Extension = [
  oneDarkTheme,
  // Highest: One Dark's own rule for the gutter has the same weight and would otherwise win.
  Prec.highest(EditorView.theme({ '.cm-gutters': { color: STONE } }, { dark: true })),
  syntaxHighlighting(highlight),
];
