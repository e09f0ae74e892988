/**
 * "Define from XML…": a libvirt network XML file, opened or pasted, checked with net-define's
 * own messages (each on its line) before anything is defined, then defined as a new network.
 * A plain file input works in both shells, so no bridge call is needed to read a file.
 */
import { useId, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import FileOpenIcon from '@mui/icons-material/FileOpen';
import { useAppStore } from '@/stores/app-store';
import { LazyXmlEditor } from '@/features/xml/lazy-xml-editor';
import type { XmlFinding } from './check-xml';
import { defineFromXml } from './define-xml';
import { closeDefineFromXml, useDefineXmlStore } from '@/stores/define-xml-store';

function Findings({ findings }: { readonly findings: readonly XmlFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <Alert severity="error" sx={{ mb: 1.5 }}>
      Nothing was defined:
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {findings.map((f, i) => (
          <li key={i}>
            {f.line ? `Line ${f.line}: ` : ''}
            {f.message}
          </li>
        ))}
      </Box>
    </Alert>
  );
}

export function DefineFromXmlDialog() {
  const open = useDefineXmlStore((s) => s.open);
  const connected = useAppStore((s) => s.connection.state === 'connected');
  const [xml, setXml] = useState('');
  const [file, setFile] = useState<string | null>(null);
  const [findings, setFindings] = useState<XmlFinding[]>([]);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();

  // Each open starts empty: a closed dialog forgets what it held.
  const close = () => {
    closeDefineFromXml();
    setXml('');
    setFile(null);
    setFindings([]);
  };

  const edit = (text: string) => {
    setXml(text);
    setFindings([]);
  };
  const pick = async (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen.name);
    edit(await chosen.text());
    // The same file chosen again (after fixing it on disk) must fire change again.
    if (input.current) input.current.value = '';
  };
  const define = async () => {
    setBusy(true);
    const outcome = await defineFromXml(xml);
    setBusy(false);
    if (outcome.ok) close();
    else setFindings(outcome.findings);
  };

  return (
    <Dialog
      open={open}
      onClose={() => !busy && close()}
      maxWidth="md"
      fullWidth
      aria-labelledby={titleId}
      slotProps={{ paper: { sx: { maxHeight: 'calc(100% - 32px)', m: 2 } } }}
    >
      <DialogTitle id={titleId}>Define from XML</DialogTitle>
      <DialogContent dividers sx={{ minHeight: 0, overflowY: 'auto' }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 1.5, flexWrap: 'wrap' }}>
          <Button variant="outlined" startIcon={<FileOpenIcon />} onClick={() => input.current?.click()}>
            Open file…
          </Button>
          <input
            ref={input}
            type="file"
            accept=".xml,application/xml,text/xml"
            aria-label="Network XML file"
            hidden
            onChange={(e) => void pick(e.target.files?.[0])}
          />
          <Typography variant="body2" color="textSecondary">
            {file ? `Read from ${file}. ` : ''}Open a libvirt network XML file, or paste the XML below. It is
            checked as vnm net-define checks it, and defined as a new network.
          </Typography>
        </Box>
        <Findings findings={findings} />
        <LazyXmlEditor
          value={xml}
          onChange={edit}
          editable
          label="Network XML"
          height="min(340px, calc(100vh - 340px))"
          errorLine={findings[0]?.line}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          Cancel
        </Button>
        <Button
          variant="contained"
          onClick={() => void define()}
          disabled={busy || !connected || xml.trim() === ''}
          startIcon={busy ? <CircularProgress size={14} color="inherit" /> : undefined}
        >
          Define
        </Button>
      </DialogActions>
    </Dialog>
  );
}
