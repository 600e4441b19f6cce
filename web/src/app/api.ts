// The one way the web app talks to the server: JSON over fetch, same-origin cookie, CSRF header on
// every change, and errors turned into ApiError so pages can show them in GOV.UK patterns.

export type FieldErrors = Record<string, string>;

type ErrorBody = {
  error?: string;
  message?: string;
  details?: { fields?: FieldErrors; current?: Record<string, unknown>; [k: string]: unknown };
  requestId?: string;
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorBody['details'];
  readonly requestId: string | null;

  constructor(status: number, body: ErrorBody) {
    super(body.message || defaultMessage(status));
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error ?? (status === 0 ? 'NETWORK' : 'UNKNOWN');
    this.details = body.details;
    this.requestId = body.requestId ?? null;
  }

  get fields(): FieldErrors {
    return this.details?.fields ?? {};
  }
  get isValidation() {
    return this.status === 400;
  }
  get isConflict() {
    return this.status === 409 && this.code === 'CONFLICT';
  }
  get isNotFound() {
    return this.status === 404;
  }
  get isUnauthenticated() {
    return this.status === 401;
  }
  /** Something went wrong that the person cannot fix by changing what they typed. */
  get isServiceProblem() {
    return this.status >= 500 || this.status === 0;
  }
}

function defaultMessage(status: number) {
  if (status === 0) return 'Assure could not be reached. Check your connection and try again.';
  if (status === 404) return 'Page not found';
  if (status >= 500) return 'Sorry, there is a problem with the service';
  return 'Something went wrong';
}

let csrfToken: string | null = null;
let lastActivity = Date.now();
const activityListeners = new Set<(at: number) => void>();
let onUnauthenticated: (() => void) | null = null;

/** The session's CSRF token, sent on every state-changing request. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** When the server last heard from this tab: the server's idle timer restarts on every API call. */
export function lastApiActivity() {
  return lastActivity;
}

export function onApiActivity(listener: (at: number) => void) {
  activityListeners.add(listener);
  return () => {
    activityListeners.delete(listener);
  };
}

/** Called when a signed-in request answers 401, so the app can send the person to sign in. */
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  onUnauthenticated = handler;
}

// A 401 from these means "not signed in", which the page that called them handles itself.
const AUTH_PATHS = [
  '/auth/session',
  '/auth/sign-in',
  '/auth/sign-out',
  '/auth/password-reset',
  '/invitations/',
];

export const API_BASE = '/api/v1';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  try {
    return await send<T>(method, path, body);
  } catch (error) {
    // A stale CSRF token (another tab signed in again): fetch the current one and try once more.
    if (error instanceof ApiError && error.code === 'CSRF') {
      const session = await send<{ csrfToken: string }>('GET', '/auth/session').catch((e: unknown) => {
        if (e instanceof ApiError && e.isUnauthenticated) onUnauthenticated?.();
        throw e;
      });
      setCsrfToken(session.csrfToken);
      return send<T>(method, path, body);
    }
    throw error;
  }
}

async function send<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  // The server marks activity when a request starts, so the client counts from then too.
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {});
  }

  // Any answer from the server (even an error) restarted its idle timer when the request arrived.
  lastActivity = Math.max(lastActivity, sentAt);
  for (const listener of activityListeners) listener(lastActivity);

  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, (parsed as ErrorBody | null) ?? {});
    if (response.status === 401 && !AUTH_PATHS.some((p) => path.startsWith(p))) onUnauthenticated?.();
    throw error;
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => apiRequest<T>('GET', path),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => apiRequest<T>('PUT', path, body),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};

/** Builds a query string from the set values only: `?q=x&page=2`. */
export function queryString(params: Record<string, string | number | boolean | null | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
