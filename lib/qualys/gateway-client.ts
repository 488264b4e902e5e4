import {
  buildCsamSearchBody,
  csamSearchUrl,
  CSAM_DEFAULT_PAGE_SIZE,
  parseCsamPage,
  type CsamPage,
} from "./csam";
import {
  DamagedPageError,
  fetchPage,
  qualysRequest,
  QualysRequestError,
  type QualysResponse,
  type QualysTransportOptions,
} from "./http";
import { apiPathUrl } from "./url";

/**
 * The Qualys API gateway (gateway.qgN.apps.qualys.com) used by CSAM: a form
 * POST to /auth returns a JWT that is valid for four hours, sent as a Bearer
 * token on every call. The client keeps one token per run, renews it a little
 * before it expires, and renews it once more when a call is answered 401
 * (the gateway can revoke a token early, e.g. after a password change).
 */

/** Qualys documents the gateway token as valid for four hours. */
export const GATEWAY_TOKEN_LIFETIME_MS = 4 * 60 * 60 * 1000;
/** Renew this long before expiry so a token never lapses between check and use. */
export const GATEWAY_TOKEN_RENEW_MARGIN_MS = 5 * 60 * 1000;

export type GatewayCredentials = { username: string; password: string };

export type GatewayClientOptions = QualysTransportOptions & {
  /** Gateway base URL, e.g. https://gateway.qg2.apps.qualys.com (a path prefix is kept). */
  baseUrl: string;
  credentials: GatewayCredentials;
  now?: () => number;
};

type Token = { value: string; expiresAt: number };

/** Reads `exp` from the JWT payload when present; the signature is not ours to check. */
export function tokenExpiry(token: string, issuedAt: number): number {
  const payload = token.split(".")[1];
  if (payload) {
    try {
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
        exp?: unknown;
      };
      if (typeof claims.exp === "number" && Number.isFinite(claims.exp)) {
        return Math.min(claims.exp * 1000, issuedAt + GATEWAY_TOKEN_LIFETIME_MS);
      }
    } catch {
      // Not a JWT we can read: fall back to the documented lifetime.
    }
  }
  return issuedAt + GATEWAY_TOKEN_LIFETIME_MS;
}

export type GatewayClient = {
  /** A valid token, fetched or renewed as needed. */
  token(): Promise<string>;
  /** How many times /auth was called, for logs and tests. */
  readonly authCount: number;
  searchAssets(options: {
    lastSeenAssetId?: string;
    pageSize?: number;
    tagNames?: readonly string[];
    updatedSince?: Date;
  }): Promise<CsamPage>;
};

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const now = options.now ?? Date.now;
  let current: Token | undefined;
  let pending: Promise<Token> | undefined;
  let authCount = 0;

  async function authenticate(): Promise<Token> {
    authCount += 1;
    const issuedAt = now();
    const form = new URLSearchParams({
      username: options.credentials.username,
      password: options.credentials.password,
      token: "true",
    });
    const response = await qualysRequest(
      apiPathUrl(options.baseUrl, "/auth"),
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/plain" },
        body: form.toString(),
      },
      options,
    );
    const value = response.body.trim();
    if (!value || /\s/.test(value)) {
      throw new QualysRequestError(
        {
          title: "The gateway answered the sign-in without a token.",
          checks: [
            "Is the base URL the API gateway of your platform (gateway.qgN.apps.qualys.com), not the web console?",
            "Does the user have API access?",
          ],
          transient: false,
        },
        { status: response.status, details: `POST /auth answered HTTP ${response.status}.` },
      );
    }
    return { value, expiresAt: tokenExpiry(value, issuedAt) };
  }

  async function token(forceRenew = false): Promise<string> {
    if (!forceRenew && current && now() < current.expiresAt - GATEWAY_TOKEN_RENEW_MARGIN_MS) {
      return current.value;
    }
    // Concurrent callers share one sign-in instead of racing for tokens.
    pending ??= authenticate().finally(() => {
      pending = undefined;
    });
    current = await pending;
    return current.value;
  }

  /** Sends a Bearer request; on 401 signs in again once and repeats it. */
  async function authorised(url: URL, init: RequestInit): Promise<QualysResponse> {
    for (let attempt = 1; ; attempt++) {
      const bearer = await token(attempt > 1);
      // The second 401 is not accepted, so qualysRequest throws its explanation.
      const response = await qualysRequest(
        url,
        { ...init, headers: { ...init.headers, authorization: `Bearer ${bearer}` } },
        { ...options, acceptStatus: (status) => status === 401 && attempt === 1 },
      );
      if (response.status !== 401) return response;
    }
  }

  return {
    token: () => token(),
    get authCount() {
      return authCount;
    },
    async searchAssets(search) {
      const pageSize = search.pageSize ?? CSAM_DEFAULT_PAGE_SIZE;
      const url = new URL(
        csamSearchUrl(options.baseUrl, { lastSeenAssetId: search.lastSeenAssetId, pageSize }),
      );
      const body = buildCsamSearchBody({
        tagNames: search.tagNames,
        updatedSince: search.updatedSince,
      });
      return fetchPage(async () => {
        const response = await authorised(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: body ? JSON.stringify(body) : undefined,
        });
        // 204 is how the gateway says "no more assets"; an empty 200 is a cut transfer.
        if (response.status !== 204 && response.body.trim() === "") {
          throw new DamagedPageError(
            `CSAM page after asset ${search.lastSeenAssetId ?? "0"} arrived empty`,
          );
        }
        try {
          return parseCsamPage(response.body, { pageSize });
        } catch (error) {
          if (error instanceof SyntaxError) {
            throw new DamagedPageError(
              `CSAM page after asset ${search.lastSeenAssetId ?? "0"} is not complete JSON`,
              { cause: error },
            );
          }
          throw error;
        }
      }, options);
    },
  };
}
