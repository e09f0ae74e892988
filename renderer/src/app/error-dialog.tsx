/** Errors a person sees: the one-sentence reason, with details behind a disclosure. */
import { useState } from 'react';
import {
  Alert,
  Button,
  Collapse,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useAppStore } from '@/stores/app-store';

export function ErrorDialog() {
  const report = useAppStore((s) => s.errors[0]);
  const dismiss = useAppStore((s) => s.dismissError);
  const [showDetails, setShowDetails] = useState(false);
  if (!report) return null;
  const close = () => {
    setShowDetails(false);
    dismiss();
  };
  const details = report.error.details;
  return (
    <Dialog open onClose={close} aria-labelledby="error-title" maxWidth="sm" fullWidth>
      <DialogTitle id="error-title">{report.title}</DialogTitle>
      <DialogContent>
        <Alert severity="error" role="alert">
          {report.error.message}
        </Alert>
        {details ? (
          <Collapse in={showDetails}>
            <Typography
              component="pre"
              variant="body2"
              sx={{ mt: 2, p: 1, bgcolor: 'action.hover', whiteSpace: 'pre-wrap', fontFamily: 'monospace' }}
            >
              {details}
            </Typography>
          </Collapse>
        ) : null}
      </DialogContent>
      <DialogActions>
        {details ? (
          <Button onClick={() => setShowDetails((v) => !v)} aria-expanded={showDetails}>
            {showDetails ? 'Hide details' : 'Show details'}
          </Button>
        ) : null}
        <Button variant="contained" onClick={close} autoFocus>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
