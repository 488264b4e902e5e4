export type UploadProgress = { loaded: number; total: number };

export type UploadOutcome =
  { ok: true; runId: string } | { ok: false; message: string; fields?: Record<string, string[]> };

/**
 * Posts a multipart form with XMLHttpRequest rather than fetch, because only
 * XHR reports upload progress. Resolves with the run id of a 202 answer.
 */
export function uploadWithProgress(
  url: string,
  body: FormData,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      const response = xhr.response as {
        runId?: string;
        error?: { message?: string; fields?: Record<string, string[]> };
      } | null;
      if (xhr.status === 202 && response?.runId) {
        resolve({ ok: true, runId: response.runId });
        return;
      }
      resolve({
        ok: false,
        message: response?.error?.message ?? `The upload was refused (HTTP ${xhr.status}).`,
        fields: response?.error?.fields,
      });
    };
    xhr.onerror = () =>
      resolve({ ok: false, message: "The upload failed: the connection was interrupted." });
    xhr.onabort = () => resolve({ ok: false, message: "The upload was cancelled." });
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(body);
  });
}

const units = ["B", "KB", "MB", "GB", "TB"];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
