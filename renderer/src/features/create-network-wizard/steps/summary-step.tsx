/**
 * Step 5: every choice in words, or (the XML toggle) the XML that will be defined, editable;
 * and what Finish does. The toggle lives inside the step, so the step list stays as it is.
 */
import { useMemo, useState } from 'react';
import { Alert, Box, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import type { FieldErrors } from '@/features/create-network-wizard/logic/checks';
import { describeChoices } from '@/features/create-network-wizard/logic/describe';
import { WizardCheckbox } from '@/features/create-network-wizard/wizard-fields';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';
import { EditedXmlNotice, SummaryXml } from './summary-xml';

type View = 'summary' | 'xml';

function Choices({ errors }: { readonly errors: FieldErrors }) {
  const values = useWizardStore((s) => s.values);
  const bridge = useWizardStore((s) => s.proposedBridge);
  const edited = useWizardStore((s) => s.editedXml !== null);
  const rows = useMemo(() => describeChoices(values, bridge), [values, bridge]);
  return (
    <>
      <Box
        component="dl"
        aria-label="Summary"
        sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
      >
        {rows.map((r) => (
          <Box key={r.term} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="body2" color="textSecondary">
              {r.term}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }}>
              {r.detail}
            </Typography>
          </Box>
        ))}
      </Box>
      {/* The form's own problems do not matter once the XML as edited is what is defined. */}
      {errors.definition && !edited ? <Alert severity="error">{errors.definition}</Alert> : null}
    </>
  );
}

export function SummaryStep({ errors }: { readonly errors: FieldErrors }) {
  // Opens on the XML when it was edited, so coming back shows what Finish defines.
  const [view, setView] = useState<View>(() =>
    useWizardStore.getState().editedXml === null ? 'summary' : 'xml',
  );
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={view}
        onChange={(_e, v: View | null) => v && setView(v)}
        aria-label="Show"
        sx={{ justifySelf: 'start' }}
      >
        <ToggleButton value="summary">Summary</ToggleButton>
        <ToggleButton value="xml">XML</ToggleButton>
      </ToggleButtonGroup>
      <EditedXmlNotice />
      {view === 'summary' ? <Choices errors={errors} /> : <SummaryXml />}
      <Box>
        <WizardCheckbox field="startNow" label="Start network now" />
        <WizardCheckbox field="autostart" label="Start on boot" />
      </Box>
    </Box>
  );
}
