/** Step 5: every choice in words, the XML that will be defined, and what Finish does. */
import { useMemo } from 'react';
import { Alert, Box, Typography } from '@mui/material';
import { buildNetworkXml } from '@shared/wizard/build-network';
import { LazyXmlEditor } from '@/features/xml/lazy-xml-editor';
import type { FieldErrors } from '@/features/create-network-wizard/logic/checks';
import { describeChoices } from '@/features/create-network-wizard/logic/describe';
import { WizardCheckbox } from '@/features/create-network-wizard/wizard-fields';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';

export function SummaryStep({ errors }: { readonly errors: FieldErrors }) {
  const values = useWizardStore((s) => s.values);
  const bridge = useWizardStore((s) => s.proposedBridge);
  const rows = useMemo(() => describeChoices(values, bridge), [values, bridge]);
  const xml = useMemo(() => buildNetworkXml(values), [values]);
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <Box
        component="dl"
        aria-label="Summary"
        sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
      >
        {rows.map((r) => (
          <Box key={r.term} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {r.term}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }}>
              {r.detail}
            </Typography>
          </Box>
        ))}
      </Box>
      {errors.definition ? <Alert severity="error">{errors.definition}</Alert> : null}
      <LazyXmlEditor value={xml} editable={false} label="Network XML" height="170px" />
      <Box>
        <WizardCheckbox field="startNow" label="Start network now" />
        <WizardCheckbox field="autostart" label="Start on boot" />
      </Box>
    </Box>
  );
}
