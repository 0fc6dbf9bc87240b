import type { Problem } from '../../shared/contracts/common';

/**
 * The one way the web client talks to `/api`: JSON in and out, the session's CSRF token on every
 * unsafe request, and every failure turned into a `ProblemError` carrying the server's RFC 9457
 * problem (code, field errors, refusal reasons).
 */

export type FieldProblem = { field: string; message: string };

export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldProblem[];
  readonly reasons: string[];

  constructor(problem: Partial<Problem> & { status: number; code: string; title: string }) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.reasons = problem.reasons ?? [];
  }
}

export function isProblem(error: unknown, status?: number): error is ProblemError {
  return error instanceof ProblemError && (status === undefined || error.status === status);
}

// The CSRF token lives in memory only: the session endpoint hands it out after every reload.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (401), so the app can go to the login page. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export type ApiRequest = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data (the browser sets the boundary). */
  formData?: FormData;
  signal?: AbortSignal;
};

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

async function readProblem(response: Response): Promise<ProblemError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return new ProblemError({
        ...body,
        status: body.status ?? response.status,
        code: body.code ?? 'HTTP_ERROR',
        title: body.title ?? response.statusText,
      });
    } catch {
      // Fall through to a generic problem.
    }
  }
  return new ProblemError({
    status: response.status,
    code: response.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR',
    title: response.statusText,
  });
}

async function send(path: string, request: ApiRequest): Promise<Response> {
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (request.formData) {
    body = request.formData;
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(apiUrl(path, request.query), { method, headers, body, credentials: 'same-origin', signal: request.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ProblemError({ status: 0, code: 'NETWORK', title: 'Network error' });
  }
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('/auth/session', {});
  if (!response.ok) return false;
  const session = (await response.json()) as { csrfToken?: string };
  setCsrfToken(session.csrfToken ?? null);
  return Boolean(session.csrfToken);
}

export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  let response = await send(path, request);
  // A token from before a server restart or another tab's login: fetch the current one, retry once.
  if (response.status === 403 && request.method && request.method !== 'GET') {
    const problem = await readProblem(response.clone());
    if (problem.code === 'CSRF_FAILED' && (await refreshCsrfToken())) response = await send(path, request);
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (problem.status === 401 && path !== '/auth/login' && path !== '/auth/session') onUnauthenticated?.();
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

/** A binary resource (the statement PDF to sign): its bytes, or the server's problem. */
export async function apiFetchBytes(path: string, request: Pick<ApiRequest, 'query' | 'signal'> = {}): Promise<Uint8Array> {
  const response = await send(path, request);
  if (!response.ok) throw await readProblem(response);
  return new Uint8Array(await response.arrayBuffer());
}
