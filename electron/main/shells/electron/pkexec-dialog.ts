/** Says why a password is about to be asked, before pkexec asks it. */
import type { Dialog } from 'electron';

export const PKEXEC_MESSAGE = 'vnm needs administrator rights to start vnmd';
export const PKEXEC_DETAIL =
  'vnmd is the part of vnm that creates bridges, firewall rules and DHCP servers, which only the ' +
  'administrator may do. Its service is stopped, so vnm will start it through pkexec, which asks for your password next.';

export async function confirmPkexec(dialog: Pick<Dialog, 'showMessageBox'>): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'info',
    title: 'Start vnmd',
    message: PKEXEC_MESSAGE,
    detail: PKEXEC_DETAIL,
    buttons: ['Continue', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
  });
  return response === 0;
}
