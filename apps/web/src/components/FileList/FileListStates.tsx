/** What the file area shows when there is no listing to show. */
import type { WireError } from '@ftpdeck/protocol';
import { describeError, errorDetail } from '../../lib/errorMessages.ts';
import { Icon } from '../Icon/Icon.tsx';

/** Before any connection (or after closing one). */
export function NotConnectedState({ error, lost = false }: { error: WireError | null; lost?: boolean }) {
  return (
    <div className="fl-state">
      <div className="fl-state-card">
        <div className={`fl-state-icon${error ? ' is-error' : ''}`}>
          <Icon name={error ? 'alert' : 'server'} size={22} />
        </div>
        {error ? (
          <>
            <h2>{lost ? 'Connection lost' : 'Couldn’t connect'}</h2>
            <p className="fl-state-lead">{describeError(error)}</p>
            <p className="fl-state-detail">{errorDetail(error)}</p>
            <p>The transcript on the right shows exactly what the server said.</p>
          </>
        ) : (
          <>
            <h2>Connect to an FTP server</h2>
            <p>Enter the host and your credentials above. Every command and reply appears live in the transcript.</p>
            <ul className="fl-state-tips">
              <li>FTPS explicit and implicit, passive and active data connections</li>
              <li>Drag files onto the list to upload them</li>
              <li>Paste <code>ftp://user@host:port</code> into Host to fill the form</li>
            </ul>
          </>
        )}
      </div>
    </div>
  );
}

/** Overlay message inside the grid (empty folder, filter matches nothing, listing failed). */
export function GridMessage({ kind, error, onClearFilter }: { kind: 'empty' | 'filtered' | 'error' | 'loading'; error?: WireError | null; onClearFilter?: () => void }) {
  if (kind === 'loading') {
    return (
      <div className="fl-message" role="status">
        <span className="spinner" aria-hidden="true" /> Loading…
      </div>
    );
  }
  if (kind === 'error' && error) {
    return (
      <div className="fl-message fl-message-error" role="alert">
        <strong>Could not list this folder: {describeError(error)}</strong>
        <span>{errorDetail(error)}</span>
      </div>
    );
  }
  if (kind === 'filtered') {
    return (
      <div className="fl-message">
        No names match the filter.
        <button type="button" className="btn btn-sm" onClick={onClearFilter}>
          Clear filter
        </button>
      </div>
    );
  }
  return <div className="fl-message">This folder is empty. Drop files here to upload.</div>;
}
