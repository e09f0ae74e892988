// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { confirmPkexec, PKEXEC_DETAIL } from './pkexec-dialog';

vi.mock('electron', () => ({}));

describe('pkexec dialog', () => {
  it('explains why a password is asked, and continues only on Continue', async () => {
    const showMessageBox = vi
      .fn()
      .mockResolvedValueOnce({ response: 0 })
      .mockResolvedValueOnce({ response: 1 });
    await expect(confirmPkexec({ showMessageBox })).resolves.toBe(true);
    await expect(confirmPkexec({ showMessageBox })).resolves.toBe(false);
    expect(showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({ buttons: ['Continue', 'Cancel'], cancelId: 1, detail: PKEXEC_DETAIL }),
    );
    expect(PKEXEC_DETAIL).toMatch(/password/);
  });
});
