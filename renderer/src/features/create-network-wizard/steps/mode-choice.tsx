/**
 * One radio of a mode list: the mode's name, and under it who can reach whom. The line sits
 * inside the label for layout but is hidden from its name: the radio is named by the mode
 * alone and described by the line (and by why it is disabled, when it is).
 */
import type { ReactNode } from 'react';
import { Box, FormControlLabel, Radio, Typography } from '@mui/material';
import type { ModeText } from '@/format/modes';

interface ModeChoiceProps {
  readonly value: string;
  readonly text: ModeText;
  /** Unique in the page: the description's id is made from it. */
  readonly descId: string;
  readonly disabled?: boolean;
  /** More description under the reach line, such as why the mode cannot be chosen. */
  readonly children?: ReactNode;
}

export function ModeChoice({ value, text, descId, disabled, children }: ModeChoiceProps) {
  return (
    <FormControlLabel
      value={value}
      disabled={disabled}
      sx={{ alignItems: 'flex-start', mb: 0.5 }}
      control={<Radio size="small" slotProps={{ input: { 'aria-describedby': descId } }} />}
      label={
        <Box sx={{ pt: '7px' }}>
          {text.label}
          <Box id={descId} aria-hidden>
            <Typography variant="body2" color="textSecondary">
              {text.reach}
            </Typography>
            {children}
          </Box>
        </Box>
      }
    />
  );
}
