import { EventEmitter } from 'node:events';

// A fake of the part of Electron's main-process API that src/main uses, faithful where the
// shell's safety depends on it: ipcMain.handle refuses a second handler for a channel (as
// Electron throws "Attempted to register a second handler"), events go through EventEmitter
// with Electron's (event, ...args) signature and a preventDefault that is remembered, and every
// call the shell makes is recorded for the tests to read. Vitest cannot import the real
// `electron` here (no binary), so tests/unit/main-shell.test.ts mocks the module with this.

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | undefined;
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** Emits as Electron does: a fresh event first; returns it so a test can see preventDefault. */
  fire(name: string, ...args: unknown[]): FakeEvent {
    const event = new FakeEvent();
    this.emit(name, event, ...args);
    return event;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  appPath = '';
  quitCalls = 0;
  singleInstance = true;
  readonly paths = new Map<string, string>();
  private readyResolve!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));

  getAppPath(): string {
    return this.appPath;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  quit(): void {
    this.quitCalls++;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  /** What Electron does once it has started. */
  becomeReady(): void {
    this.readyResolve();
  }
  fire(name: string, ...args: unknown[]): FakeEvent {
    const event = new FakeEvent();
    this.emit(name, event, ...args);
    return event;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  shown = false;
  destroyed = false;
  readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>;
  constructor(options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    this.options = options;
    FakeBrowserWindow.all.push(this);
    // Electron announces every web contents it creates, the window's included.
    fakeApp.fire('web-contents-created', this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
}

type InvokeHandler = (event: { senderFrame: FakeFrame | null }, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  readonly registrations: string[] = [];
  handle(channel: string, handler: InvokeHandler): void {
    this.registrations.push(channel);
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  /** What ipcRenderer.invoke from `frame` reaches. */
  async invoke(channel: string, frame: FakeFrame | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame }, ...args);
  }
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;

class FakeSession {
  permissionRequestHandler:
    ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheckHandler: ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  headersListener: HeadersListener | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
}

const fakeApp = new FakeApp();
const defaultSession = new FakeSession();
const opened: string[] = [];
const messageBoxes: { window: unknown; options: Record<string, unknown> }[] = [];

export const fake = {
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  ipcMain: new FakeIpcMain(),
  session: { defaultSession },
  shell: {
    opened,
    openExternal(url: string): Promise<void> {
      opened.push(url);
      return Promise.resolve();
    },
  },
  dialog: {
    messageBoxes,
    showMessageBox(window: unknown, options: Record<string, unknown>): Promise<{ response: number }> {
      messageBoxes.push({ window, options });
      return Promise.resolve({ response: 0 });
    },
  },
};
