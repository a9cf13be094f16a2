import { classifyUpstreamError, type UpstreamFailure } from './upstream-errors';

export interface FetchJsonResult {
  status: number;
  body: unknown;
  ms: number;
}

/** GET a JSON document from a service with a hard timeout (readiness, OpenAPI). */
export async function getJson(
  url: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<FetchJsonResult> {
  const started = performance.now();
  const res = await fetch(url, {
    headers: { accept: 'application/json', ...headers },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body, ms: Math.round(performance.now() - started) };
}

/** A short, log-safe reason for a failed call to a service. */
export function failureReason(err: unknown): { failure: UpstreamFailure; reason: string } {
  const failure = classifyUpstreamError(err);
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause?.code ?? cause?.message ?? (err as Error)?.message ?? String(err);
  return {
    failure,
    reason:
      failure === 'timeout'
        ? 'timeout'
        : failure === 'unavailable'
          ? `unavailable (${detail})`
          : `bad gateway (${detail})`,
  };
}
