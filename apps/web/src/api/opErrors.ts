/**
 * Headlines for errors of operations that create or change files. One
 * reply code needs more care than the generic table gives it: vsftpd answers
 * a STOR or RNTO it may not do with "553 Could not create file", which is
 * as often a permission problem as a name the server refuses.
 */
import type { WireError } from '@ftpdeck/protocol';
import { isMessageKey } from '../i18n/i18n.ts';
import { t } from '../i18n/languageStore.ts';
import { describeError } from '../lib/errorMessages.ts';

/** Like describeError, but a plain 553 names both of its usual causes. */
export function describeOpError(error: WireError): string {
  // A specific error code keeps its own words; only the bare reply-code hint is too narrow.
  if (error.ftpCode === 553 && !isMessageKey(`err.${error.code}`)) return t('opErr.553');
  return describeError(error);
}
