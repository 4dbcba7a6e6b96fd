/** The layout shell. Behaviour lives in components, the store and api/. */
import type { CSSProperties } from 'react';
import { AccessGate, useNeedsAccess } from './components/AccessGate/AccessGate.tsx';
import { CharsetOffer } from './components/CharsetOffer/CharsetOffer.tsx';
import { ContextMenu } from './components/ContextMenu/ContextMenu.tsx';
import { DialogHost } from './components/Dialogs/DialogHost.tsx';
import { EditorHost } from './components/Editor/EditorHost.tsx';
import { FileList } from './components/FileList/FileList.tsx';
import { PathBar } from './components/PathBar/PathBar.tsx';
import { Splitter, useTranscriptWidth } from './components/Splitter/Splitter.tsx';
import { StatusBar } from './components/StatusBar/StatusBar.tsx';
import { DeleteActivity } from './components/DeleteActivity/DeleteActivity.tsx';
import { Toasts } from './components/Toasts/Toasts.tsx';
import { Toolbar } from './components/Toolbar/Toolbar.tsx';
import { TopBar } from './components/TopBar/TopBar.tsx';
import { SidePanel } from './components/SidePanel/SidePanel.tsx';
import { TransferQueue } from './components/TransferQueue/TransferQueue.tsx';
import { useGlobalShortcuts } from './hooks/useGlobalShortcuts.ts';
import { useUploadLeaveGuard } from './hooks/useUploadLeaveGuard.ts';
import { useT } from './i18n/useT.ts';
import { useAppStore } from './store/index.ts';
import { selectModalOpen } from './store/selectors.ts';
import './styles/layout.css';

/** The application. */
export function App() {
  const needsAccess = useNeedsAccess();
  const modal = useAppStore(selectModalOpen) || needsAccess;
  const [transcriptWidth, setTranscriptWidth] = useTranscriptWidth();
  useGlobalShortcuts();
  useUploadLeaveGuard();
  const t = useT();
  return (
    <>
      {/* inert stops focus and clicks; aria-hidden also takes the shell out of the accessibility tree. */}
      <div className="app" inert={modal} aria-hidden={modal || undefined}>
        <TopBar />
        <main className="workspace" style={{ '--transcript-width': `${transcriptWidth}px` } as CSSProperties}>
          <section className="files-pane" aria-label={t('ui.remoteSite')}>
            <Toolbar />
            <PathBar />
            <CharsetOffer />
            <DeleteActivity />
            <FileList />
          </section>
          <Splitter width={transcriptWidth} onWidth={setTranscriptWidth} />
          <aside className="transcript-pane">
            <SidePanel />
          </aside>
        </main>
        <TransferQueue />
        <StatusBar />
      </div>
      <ContextMenu />
      <EditorHost />
      <DialogHost />
      {needsAccess && <AccessGate />}
      {/* Under a dialog, notifications are shown but out of reach, as the rest of the tab is. */}
      <div inert={modal}>
        <Toasts />
      </div>
    </>
  );
}
