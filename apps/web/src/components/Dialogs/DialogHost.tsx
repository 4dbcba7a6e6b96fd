/** Renders whichever dialog the store says is open. */
import { useAppStore } from '../../store/index.ts';
import { ChmodDialog } from './ChmodDialog.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { FileExistsDialog } from './FileExistsDialog.tsx';
import { FindDialog } from './FindDialog.tsx';
import { NewFolderDialog } from './NewFolderDialog.tsx';
import { RenameDialog } from './RenameDialog.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { StopTransfersDialog } from './StopTransfersDialog.tsx';
import { TrustCertDialog } from './TrustCertDialog.tsx';

/** The open dialog, if any. */
export function DialogHost() {
  const dialog = useAppStore((s) => s.dialog);
  const close = useAppStore((s) => s.closeDialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'rename':
      return <RenameDialog entry={dialog.entry} onClose={close} />;
    case 'delete':
      return <DeleteDialog entries={dialog.entries} onClose={close} />;
    case 'mkdir':
      return <NewFolderDialog onClose={close} />;
    case 'shortcuts':
      return <ShortcutsDialog onClose={close} />;
    case 'find':
      return <FindDialog onClose={close} />;
    case 'chmod':
      return <ChmodDialog entries={dialog.entries} onClose={close} />;
    case 'file-exists':
      return <FileExistsDialog conflict={dialog.conflict} respond={dialog.respond} onClose={close} />;
    case 'stop-transfers':
      return <StopTransfersDialog reason={dialog.reason} respond={dialog.respond} onClose={close} />;
    case 'trust-cert':
      return <TrustCertDialog certificate={dialog.certificate} params={dialog.params} onClose={close} />;
  }
}
