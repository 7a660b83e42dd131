import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the desktop app keeps Evident's data (Electron's app.getPath('userData')): the platform's
 * app data folder plus the product name. The scripts that work on a data folder use it when no
 * --data-dir is given.
 */
export function desktopDataDir(platform = process.platform, env = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Evident');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Evident');
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Evident');
}
