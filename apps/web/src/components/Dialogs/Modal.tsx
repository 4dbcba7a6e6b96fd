/**
 * A modal dialog shell. The rest of the app is made `inert` by App while
 * a dialog is open, so focus and assistive technology stay inside. A dialog
 * can open in a site tab that is not on screen (a background upload asking
 * about an existing file): it waits there, hidden, and takes focus when its
 * tab is shown.
 */
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useTabActive, useTabRoot } from '../../hooks/tabContext.ts';
import { returnFocus, wrapTab } from '../../lib/focusTrap.ts';
import './Dialogs.css';

/** Props of Modal. */
export interface ModalProps {
  title: string;
  children: ReactNode;
  /** Footer buttons; the form submits on Enter. */
  footer: ReactNode;
  onClose: () => void;
  onSubmit: () => void;
  /** `alertdialog` for destructive confirmations. */
  role?: 'dialog' | 'alertdialog';
  width?: number;
}

/** Centered modal with a form inside. */
export function Modal({ title, children, footer, onClose, onSubmit, role = 'dialog', width = 420 }: ModalProps) {
  const titleId = useId();
  const box = useRef<HTMLFormElement>(null);
  const restoreTo = useRef<Element | null>(null);
  const active = useTabActive();
  const tabRoot = useTabRoot();

  // Focus moves in once the dialog is on screen: at once, or when its tab is shown.
  useEffect(() => {
    if (!active || box.current?.contains(document.activeElement)) return;
    const firstTime = restoreTo.current === null;
    // Focus goes back where it was, if that is in this tab: a dialog shown by a tab switch would
    // otherwise hand it to the strip's button of the tab just left (inactive, tabIndex -1).
    const from = document.activeElement;
    restoreTo.current ??= from && tabRoot().contains(from) ? from : null;
    const first =
      box.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      box.current?.querySelector<HTMLElement>('input, select, button');
    first?.focus();
    // Only on the first showing: coming back to the tab must not select what the user typed.
    if (firstTime && first instanceof HTMLInputElement && first.dataset.selectStem === undefined) first.select();
  }, [active]);
  // Back where focus came from when the dialog closes, or to the file list.
  useEffect(() => () => returnFocus(restoreTo.current, tabRoot()), [tabRoot]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <form
        ref={box}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        className="modal"
        style={{ width }}
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
          wrapTab(e, box.current);
        }}
      >
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        <div className="modal-body">{children}</div>
        <div className="modal-footer">{footer}</div>
      </form>
    </div>
  );
}
