/**
 * A running network's problem line (its worst diagnose line, from host.findings): under the
 * state line in the network list, and at the top of Details with Diagnose… beside it. An
 * icon and a word ("Problem", "Warning") say how bad it is, not colour alone.
 */
import { Alert, Box, Button, Typography } from '@mui/material';
import type { NetworkProblem } from '@shared/rpc/contract';
import { useAppStore } from '@/stores/app-store';
import { problemOf } from '@/stores/findings-slice';
import { StatusIcon } from './status-mark';

export function useNetworkProblem(network: string): NetworkProblem | null {
  return useAppStore((s) => problemOf(s.findings, network));
}

/** "Problem: …" or "Warning: …", the words the list and Details both use. */
export function problemText(p: NetworkProblem): string {
  return `${p.status === 'fail' ? 'Problem' : 'Warning'}: ${p.summary}`;
}

function moreText(p: NetworkProblem): string {
  return p.failed > 1 ? ` ${p.failed} checks fail; Diagnose lists them.` : '';
}

/** The list row's line: one line, cut with an ellipsis at 1024 px; its title says it whole. */
export function ListProblemLine({ problem, id }: { readonly problem: NetworkProblem; readonly id: string }) {
  return (
    <Typography
      id={id}
      variant="caption"
      component="div"
      noWrap
      title={`${problemText(problem)}${moreText(problem)}`}
      sx={{ color: 'text.primary', display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 }}
    >
      <StatusIcon status={problem.status} fontSize="inherit" />
      <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {problemText(problem)}
      </Box>
    </Typography>
  );
}

export function DiagnoseButton({ network }: { readonly network: string }) {
  const open = useAppStore((s) => s.openDiagnose);
  const connected = useAppStore((s) => s.connection.state === 'connected');
  return (
    // nowrap: in a narrow Alert the label would otherwise break inside the word.
    <Button
      size="small"
      color="inherit"
      disabled={!connected}
      onClick={() => open(network)}
      sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
    >
      Diagnose…
    </Button>
  );
}

/**
 * The top of a running network's Details: its problem with Diagnose…, or Diagnose… alone
 * when the last check found nothing (one button, in the same corner either way).
 */
export function DetailsProblemLine({ network }: { readonly network: string }) {
  const active = useAppStore((s) => s.networks.find((n) => n.name === network)?.active ?? false);
  const known = useAppStore((s) => s.findings !== null);
  const problem = useNetworkProblem(network);
  if (!active) return null;
  if (problem) {
    return (
      <Alert
        severity={problem.status === 'fail' ? 'error' : 'warning'}
        action={<DiagnoseButton network={network} />}
        sx={{ overflowWrap: 'anywhere' }}
      >
        {problemText(problem)}
        {moreText(problem)}
      </Alert>
    );
  }
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, justifyContent: 'space-between' }}>
      <Typography variant="body2" color="textSecondary">
        {known ? 'The last check found no problem on this network.' : 'Not checked yet.'}
      </Typography>
      <DiagnoseButton network={network} />
    </Box>
  );
}
