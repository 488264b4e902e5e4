// Typed query keys and fetchers for the run page (GET /api/v1/runs/...).
import type { RunState } from "@/components/ui/badge";

export type RunViewData = {
  id: string;
  connector: { id: string; name: string; type: string };
  trigger: string;
  state: RunState;
  source: string;
  bytesTotal: number | null;
  bytesRead: number;
  objectsTotal: number | null;
  objectsDone: number;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipped: number;
  /** Findings marked Fixed because this full import no longer reported them. */
  fixed: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  errorCount: number;
};

export type RunErrorItem = {
  id: string;
  sourceKey: string | null;
  line: number | null;
  column: string | null;
  reason: string;
};

export type RunErrorsPage = { items: RunErrorItem[]; nextCursor: string | null };

export const runKeys = {
  all: ["runs"] as const,
  detail: (id: string) => ["runs", id] as const,
  errors: (id: string) => ["runs", id, "errors"] as const,
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new HttpError(response.status, body?.error?.message ?? `HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

export function fetchRun(id: string) {
  return getJson<RunViewData>(`/api/v1/runs/${id}`);
}

export function fetchRunErrors(id: string, cursor: string | null, limit = 50) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  return getJson<RunErrorsPage>(`/api/v1/runs/${id}/errors?${query}`);
}

export function isActive(state: RunState) {
  return state === "QUEUED" || state === "PROCESSING";
}
