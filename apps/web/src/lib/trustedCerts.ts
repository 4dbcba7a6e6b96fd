/**
 * Certificates the user chose to "always trust", pinned by SHA-256
 * fingerprint per host and port in localStorage (as FileZilla keeps its
 * trusted-certificate list). A changed certificate no longer matches, so
 * the server refuses it and the trust dialog asks again.
 */
import { browserStorage, type KeyValueStorage } from './browserStorage.ts';
import type { ConnectParams } from '@ftpdeck/protocol';

/** localStorage key of the `{ "host:port": fingerprint }` map. */
export const TRUSTED_CERTS_KEY = 'ftpdeck.trustedCerts';

/** The storage this module needs (window.localStorage in the app). */
export type TrustStorage = KeyValueStorage;

function siteKey(params: Pick<ConnectParams, 'host' | 'port'>): string {
  return `${params.host.toLowerCase()}:${params.port ?? ''}`;
}

function readAll(storage: TrustStorage | null): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(TRUSTED_CERTS_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Remembers `fingerprint` as trusted for this host and port. */
export function rememberTrustedCert(params: Pick<ConnectParams, 'host' | 'port'>, fingerprint: string, storage = browserStorage()): void {
  const all = readAll(storage);
  all[siteKey(params)] = fingerprint;
  storage?.setItem(TRUSTED_CERTS_KEY, JSON.stringify(all));
}

/** The params with the remembered fingerprint added, unless they already carry one. */
export function withTrustedCert(params: ConnectParams, storage = browserStorage()): ConnectParams {
  if (params.trustFingerprint) return params;
  const fingerprint = readAll(storage)[siteKey(params)];
  return fingerprint ? { ...params, trustFingerprint: fingerprint } : params;
}
