/** Reads `GET /api/config`: optional demo credentials to prefill the connect form. */

/** What the server tells the UI at start-up. */
export interface AppConfig {
  demo?: { host: string; port: number; user: string; password: string };
  /** The server wants an access token (it listens beyond loopback). */
  authRequired?: boolean;
}

/** Fetches the config; an unreachable or odd answer yields `{}` (the form just starts empty). */
export async function fetchAppConfig(fetchFn: typeof fetch = fetch): Promise<AppConfig> {
  try {
    const res = await fetchFn('/api/config', { headers: { accept: 'application/json' } });
    if (!res.ok) return {};
    const body = (await res.json()) as unknown;
    if (typeof body !== 'object' || body === null) return {};
    const authRequired = (body as { authRequired?: unknown }).authRequired === true;
    const base: AppConfig = authRequired ? { authRequired } : {};
    const demo = (body as { demo?: unknown }).demo;
    if (
      typeof demo === 'object' &&
      demo !== null &&
      typeof (demo as AppConfig['demo'] & object).host === 'string' &&
      typeof (demo as AppConfig['demo'] & object).port === 'number'
    ) {
      const d = demo as NonNullable<AppConfig['demo']>;
      return { ...base, demo: { host: d.host, port: d.port, user: String(d.user ?? ''), password: String(d.password ?? '') } };
    }
    return base;
  } catch {
    return {};
  }
}

let cached: Promise<AppConfig> | null = null;

/** The config, fetched once per page load. */
export function getAppConfig(): Promise<AppConfig> {
  cached ??= fetchAppConfig();
  return cached;
}

/** Presents the access token; true when the server accepted it (it then sets an HttpOnly cookie). */
export async function submitAccessToken(token: string, fetchFn: typeof fetch = fetch): Promise<boolean> {
  try {
    const res = await fetchFn('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    return res.ok;
  } catch {
    return false;
  }
}
