import { mount } from 'svelte';
import App from './App.svelte';
import { createApi } from './lib/api.ts';
import { PreferenceStore } from './lib/preferences.svelte.ts';
import { TeacherMode } from './lib/teacher-mode.svelte.ts';
import { servedBySession as servedBySessionServer } from './lib/session-client.ts';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
// The reader's theme and text size before anything waits on the server: a dark-theme reader is
// not shown a white page, nor the default size, while the app starts.
new PreferenceStore(localStorage).applyTo(document.documentElement);
// A page served by a class session's server is the student's join screen; the desktop app
// (which has the preload) and the teacher's loopback server are the whole app.
const servedBySession = window.evident ? false : await servedBySessionServer();
const teacher = new TeacherMode();
const api = createApi(
  undefined,
  () => teacher.token,
  () => teacher.lockedByService(),
);
teacher.connect(api);
mount(App, { target, props: { api, teacher, servedBySession } });
