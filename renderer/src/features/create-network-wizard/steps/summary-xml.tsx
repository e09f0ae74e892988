/**
 * The Summary's XML view: the network XML the form would define, editable. It follows the
 * form until the person types into it; from then on it is what Finish defines, checked as
 * net-define checks it, each problem shown with its line marked. Reset to form drops the edits.
 */
import { useMemo } from 'react';
import { Alert, Box, Button } from '@mui/material';
import { buildNetworkXml } from '@shared/wizard/build-network';
import { checkNetworkXml } from '@/features/define-from-xml/check-xml';
import { LazyXmlEditor } from '@/features/xml/lazy-xml-editor';
import { useWizardStore } from '@/features/create-network-wizard/wizard-store';

/** The problems of the edited XML (none while it follows the form, which the checks cover). */
export function useXmlFindings() {
  const edited = useWizardStore((s) => s.editedXml);
  return useMemo(() => (edited === null ? [] : checkNetworkXml(edited)), [edited]);
}

/** Says that the XML was edited, whether the form changed since, and offers Reset to form. */
export function EditedXmlNotice() {
  const values = useWizardStore((s) => s.values);
  const edited = useWizardStore((s) => s.editedXml);
  const base = useWizardStore((s) => s.xmlFormBase);
  const resetXml = useWizardStore((s) => s.resetXml);
  if (edited === null) return null;
  const formMoved = base !== null && base !== buildNetworkXml(values);
  return (
    <Alert
      severity={formMoved ? 'warning' : 'info'}
      action={
        <Button color="inherit" size="small" onClick={resetXml}>
          Reset to form
        </Button>
      }
    >
      Finish defines the XML as edited.
      {formMoved ? ' The form was changed after the XML was edited; those changes are not in the XML.' : ''}
    </Alert>
  );
}

export function SummaryXml() {
  const values = useWizardStore((s) => s.values);
  const edited = useWizardStore((s) => s.editedXml);
  const editXml = useWizardStore((s) => s.editXml);
  const finishError = useWizardStore((s) => s.finishError);
  const finishLine = useWizardStore((s) => s.finishLine);
  const formXml = useMemo(() => buildNetworkXml(values), [values]);
  const findings = useXmlFindings();
  const first = findings[0];
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      {first ? (
        <Alert severity="error">
          {first.line ? `Line ${first.line}: ` : ''}
          {first.message}
        </Alert>
      ) : null}
      <LazyXmlEditor
        value={edited ?? formXml}
        onChange={(text) => editXml(text, formXml)}
        editable
        label="Network XML"
        // As tall as the dialog allows while the Start checkboxes below stay in view at 1280x800,
        // even with both the edited notice and an error above it; it scrolls within.
        height="max(120px, min(420px, calc(100vh - 500px)))"
        errorLine={first?.line ?? (finishError ? finishLine : null)}
      />
    </Box>
  );
}
