/**
 * "Server time zone" in the connect form's More options: automatic (LIST
 * compared with MDTM) or a fixed offset, with a hint saying when to pick one.
 */
import { useT } from '../../i18n/useT.ts';
import { formatUtcOffset } from '../../lib/format.ts';
import { TIMEZONE_OFFSETS, parseTimezoneOption, type ServerTimezone } from './serverTimezones.ts';

/** Props of ServerTimezoneField. */
export interface ServerTimezoneFieldProps {
  /** The form's `useId` prefix; this field's ids derive from it. */
  idPrefix: string;
  value: ServerTimezone;
  onChange: (value: ServerTimezone) => void;
}

/** The labelled select and its hint. */
export function ServerTimezoneField({ idPrefix, value, onChange }: ServerTimezoneFieldProps) {
  const t = useT();
  const selectId = `${idPrefix}-timezone`;
  const hintId = `${idPrefix}-timezone-hint`;
  return (
    <>
      <div className="cf-field cf-stacked">
        <label htmlFor={selectId}>{t('cf.serverTimezone')}</label>
        <select
          id={selectId}
          className="select"
          value={String(value)}
          aria-describedby={hintId}
          onChange={(e) => onChange(parseTimezoneOption(e.target.value))}
        >
          <option value="auto">{t('cf.serverTimezoneAuto')}</option>
          {TIMEZONE_OFFSETS.map((minutes) => (
            <option key={minutes} value={String(minutes)}>
              {formatUtcOffset(minutes)}
            </option>
          ))}
        </select>
      </div>
      {/* Beside the row, not in it: the popover's grid gives it the full width. */}
      <p id={hintId} className="cf-hint">
        {t('cf.serverTimezoneHint')}
      </p>
    </>
  );
}
