/** CodeMirror with XML highlighting, themed from MUI, with a visible label that names it. */
import { useId, useMemo } from 'react';
import CodeMirror from '@uiw/react-codemirror';
import { xml } from '@codemirror/lang-xml';
import { Decoration, EditorView } from '@codemirror/view';
import type { Extension } from '@codemirror/state';
import { Box, Typography } from '@mui/material';
import { alpha, useTheme } from '@mui/material/styles';
import { xmlDarkTheme } from './xml-dark-theme';

export interface XmlEditorProps {
  readonly value: string;
  readonly onChange?: (value: string) => void;
  readonly editable: boolean;
  readonly label: string;
  readonly height?: string;
  /** 1-based line to mark as the error's place. */
  readonly errorLine?: number | null;
}

function errorLineExtension(line: number | null | undefined): Extension {
  if (!line) return [];
  const mark = Decoration.line({ class: 'cm-vnm-error-line' });
  return EditorView.decorations.compute(['doc'], (state) =>
    line <= state.doc.lines ? Decoration.set([mark.range(state.doc.line(line).from)]) : Decoration.none,
  );
}

export function XmlEditor({ value, onChange, editable, label, height = '420px', errorLine }: XmlEditorProps) {
  const theme = useTheme();
  const labelId = useId();
  const extensions = useMemo(
    () => [
      xml(),
      EditorView.lineWrapping,
      // tabindex: the text is a Tab stop whether or not it can be changed, and says so to tools
      // (axe) that only count an element with one as something a keyboard can reach.
      EditorView.contentAttributes.of({
        'aria-labelledby': labelId,
        'aria-readonly': String(!editable),
        tabindex: '0',
      }),
      EditorView.theme({ '.cm-vnm-error-line': { backgroundColor: alpha(theme.palette.error.main, 0.18) } }),
      errorLineExtension(errorLine),
    ],
    [labelId, editable, theme, errorLine],
  );
  return (
    <Box>
      <Typography id={labelId} variant="subtitle2" sx={{ mb: 0.5 }}>
        {label}
      </Typography>
      <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden', fontSize: 13 }}>
        <CodeMirror
          value={value}
          onChange={onChange}
          // Read-only, not uneditable: an uneditable CodeMirror drops its text from the Tab order,
          // so a long definition could not be scrolled, selected or copied from the keyboard.
          editable
          readOnly={!editable}
          height={height}
          theme={theme.palette.mode === 'dark' ? xmlDarkTheme : 'light'}
          extensions={extensions}
          basicSetup={{
            foldGutter: false,
            highlightActiveLine: editable,
            highlightActiveLineGutter: editable,
          }}
        />
      </Box>
    </Box>
  );
}
