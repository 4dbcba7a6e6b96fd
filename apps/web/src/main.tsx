/** Entry point: start the socket (outside React), then render. */
// First, so component styles (imported by the modules below) come later in the bundle and win ties.
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getAppConfig } from './api/config.ts';
import { createServices, installServices } from './api/services.ts';
import { App } from './App.tsx';
import { appStore } from './store/index.ts';
import { persistViewPrefs } from './store/viewPrefs.ts';

persistViewPrefs(appStore, window.localStorage);
const services = createServices(appStore);
installServices(services);
services.socket.start();
void getAppConfig().then((config) => appStore.getState().setAccessRequired(config.authRequired === true));

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
