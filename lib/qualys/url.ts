import { z } from "zod";

/**
 * "https://qualysapi.qg3.apps.qualys.com/" and "...qualys.com" are the same
 * API (the Stellar guide warns older versions broke on the trailing slash);
 * the stored form has no trailing slash, query or fragment. A path prefix,
 * as a reverse proxy might add, is kept.
 */
export function normaliseApiUrl(apiUrl: string): string {
  const url = new URL(apiUrl.trim());
  url.pathname = url.pathname.replace(/\/+$/, "");
  url.search = "";
  url.hash = "";
  return url.toString().replace(/\/+$/, "");
}

/** Appends an API path to a base URL, keeping its path prefix. */
export function apiPathUrl(baseUrl: string, path: string): URL {
  const url = new URL(normaliseApiUrl(baseUrl));
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${path}`;
  return url;
}

export function qualysUrlSchema(example: string) {
  return z
    .string()
    .trim()
    .min(1, `Enter the URL, for example ${example}.`)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && !url.username;
      } catch {
        return false;
      }
    }, `Enter a full URL starting with https://, for example ${example}.`)
    .transform(normaliseApiUrl);
}
