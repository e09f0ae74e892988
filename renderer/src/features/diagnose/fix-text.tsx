/**
 * A fix as the exact command, in monospace so it reads as something to type, selectable, and
 * with Copy beside it. Where the clipboard is refused (a page without permission) Copy says
 * so and selects the text, so Ctrl+C still works.
 */
import { useRef, useState } from 'react';
import { Box, Button, Typography } from '@mui/material';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';

type CopyState = 'idle' | 'copied' | 'refused';

function selectText(el: HTMLElement | null): void {
  const selection = el ? window.getSelection() : null;
  if (!el || !selection) return;
  const range = document.createRange();
  range.selectNodeContents(el);
  selection.removeAllRanges();
  selection.addRange(range);
}

export function FixText({ fix, label }: { readonly fix: string; readonly label: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const code = useRef<HTMLElement>(null);
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(fix);
      setState('copied');
    } catch {
      selectText(code.current);
      setState('refused');
    }
  };
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1, minWidth: 0 }}>
      <Box
        component="pre"
        ref={code}
        aria-label={label}
        sx={{
          flex: 1,
          minWidth: 0,
          m: 0,
          px: 1,
          py: 0.5,
          borderRadius: 1,
          bgcolor: 'action.hover',
          fontFamily: 'monospace',
          fontSize: '0.8125rem',
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          userSelect: 'text',
        }}
      >
        {fix}
      </Box>
      <Button
        size="small"
        startIcon={<ContentCopyIcon fontSize="small" />}
        onClick={() => void copy()}
        aria-label={`Copy ${label.toLowerCase()}`}
        sx={{ flexShrink: 0 }}
      >
        Copy
      </Button>
      <Typography role="status" variant="caption" sx={{ alignSelf: 'center', minWidth: 0 }}>
        {state === 'copied' ? 'Copied' : state === 'refused' ? 'Selected: press Ctrl+C' : ''}
      </Typography>
    </Box>
  );
}
