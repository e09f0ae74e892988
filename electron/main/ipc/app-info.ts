/** Versions for Help → About and the renderer's Overview, from the running process. */
import type { AppInfo, ShellKind } from '../../../shared/api/contract';

export const APP_NAME = 'vnm';
/** Kept in step with package.json by the build's version check in app-info.test.ts. */
export const APP_VERSION = '0.1.0';

export function buildAppInfo(shell: ShellKind, versions: NodeJS.ProcessVersions = process.versions): AppInfo {
  const picked: Record<string, string> = {};
  for (const key of ['node', 'electron', 'chrome', 'v8'] as const) {
    const v = versions[key];
    if (typeof v === 'string') picked[key] = v;
  }
  return { name: APP_NAME, version: APP_VERSION, shell, versions: picked };
}
