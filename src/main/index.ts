import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openApp, type OpenedApp } from '../service/app.ts';
import { startupProblem } from '../service/storage-errors.ts';
import { registerSessionFeed, registerSessionProxy, runClassroom } from './classroom.ts';
import { registerIpc } from './ipc.ts';
import { createMainWindow } from './windows.ts';
import { hardenSessions, hardenWebContents } from './security.ts';

// The entry only wires: paths, the service, IPC, security, the window.

const rendererUrl =
  !app.isPackaged && process.env['ELECTRON_RENDERER_URL']
    ? process.env['ELECTRON_RENDERER_URL']
    : pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
const questionsDir = app.isPackaged ? join(process.resourcesPath, 'questions') : join(app.getAppPath(), 'questions');

// Tests point the app at a throw-away data folder.
if (process.env['EVIDENT_DATA_DIR']) app.setPath('userData', process.env['EVIDENT_DATA_DIR']);

if (!app.requestSingleInstanceLock()) app.quit();

hardenWebContents(rendererUrl);

void app.whenReady().then(() => {
  hardenSessions();
  const warnings: string[] = [];
  let opened: OpenedApp;
  try {
    opened = openApp({
      questionsDir,
      dataDir: app.getPath('userData'),
      // What a class session serves to students' browsers: the built renderer, also in development.
      rendererDir: join(import.meta.dirname, '../renderer'),
      warn: (message) => {
        console.warn(message);
        warnings.push(message);
      },
    });
  } catch (error) {
    // One sentence, no stack trace: another Evident on this folder, a full or read-only disk.
    dialog.showErrorBox('Evident cannot start', startupProblem(error, app.getPath('userData')));
    app.exit(1);
    return;
  }
  const { service, store, classroom } = opened;
  registerIpc(service, rendererUrl);
  registerSessionProxy(rendererUrl);
  registerSessionFeed(opened.watchSession, rendererUrl);
  runClassroom(classroom);
  const window = createMainWindow(rendererUrl);
  if (warnings.length > 0) {
    void dialog.showMessageBox(window, {
      type: 'warning',
      message: 'Some of Evident’s files need attention',
      detail: warnings.join('\n'),
    });
  }
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(rendererUrl);
  });
  app.on('will-quit', () => store.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
