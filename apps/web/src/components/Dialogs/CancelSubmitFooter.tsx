/**
 * The usual dialog footer: Cancel, then the form's submit button.
 */
import { useT } from '../../i18n/useT.ts';

/** Props of CancelSubmitFooter. */
export interface CancelSubmitFooterProps {
  onCancel: () => void;
  /** The submit button's text (already translated). */
  submitLabel: string;
  /** Disables the submit button (input not valid yet). */
  disabled?: boolean;
}

/** Cancel and a primary submit button, for Modal's `footer`. */
export function CancelSubmitFooter({ onCancel, submitLabel, disabled = false }: CancelSubmitFooterProps) {
  const t = useT();
  return (
    <>
      <button type="button" className="btn" onClick={onCancel}>
        {t('ui.cancel')}
      </button>
      <button type="submit" className="btn btn-primary" disabled={disabled}>
        {submitLabel}
      </button>
    </>
  );
}
