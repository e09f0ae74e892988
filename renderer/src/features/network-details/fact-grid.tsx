/** Label/value pairs laid out as a two-column grid (a description list for screen readers). */
import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';

export function FactGrid({ children }: { readonly children: ReactNode }) {
  return (
    <Box
      component="dl"
      sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 0.75, m: 0 }}
    >
      {children}
    </Box>
  );
}

export function Fact({
  label,
  value,
  mono,
}: {
  readonly label: string;
  readonly value: string;
  readonly mono?: boolean;
}) {
  return (
    <>
      <Typography component="dt" color="textSecondary">
        {label}:
      </Typography>
      <Typography
        component="dd"
        sx={{ m: 0, fontFamily: mono ? 'monospace' : undefined, overflowWrap: 'anywhere' }}
      >
        {value}
      </Typography>
    </>
  );
}
