/** Entry point: start the socket (outside React), then render. */
// First, so component styles (imported by the modules below) come later in the bundle and win ties.
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SiteTabs } from './components/Tabs/SiteTabs.tsx';
import { startFirstTab } from './lib/siteTab.ts';
import { LanguageProvider } from './i18n/LanguageProvider.tsx';

// Tab 1: the page's own session. More site tabs start from the tab strip (lib/siteTab.ts).
startFirstTab();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <LanguageProvider>
      <SiteTabs />
    </LanguageProvider>
  </StrictMode>,
);
