/**
 * Explanations for a failed connection test: what went wrong in a sentence,
 * and what the person setting up the connector should check. The wording is
 * ours; the idea of pairing each HTTP status with the questions to ask comes
 * from the Stellar Cyber Qualys connector guide.
 */

export type ConnectionProblem = {
  /** What happened, in one sentence. */
  title: string;
  /** What to check, most likely cause first. */
  checks: string[];
  /** Whether trying again later without changing anything can succeed. */
  transient: boolean;
};

const STATUS_PROBLEMS: Record<number, ConnectionProblem> = {
  400: {
    title: "Qualys rejected the request as invalid (400 Bad Request).",
    checks: [
      "Is the API URL the API server of your Qualys platform (for example https://qualysapi.qg2.apps.qualys.com), not the web console address?",
      "Are the connector's filters (tags, dates) written the way Qualys expects?",
      "If the response names an error code, look it up in the details below.",
    ],
    transient: false,
  },
  401: {
    title: "Qualys did not accept the username and password (401 Unauthorized).",
    checks: [
      "Are the username and password typed exactly as in Qualys, without extra spaces?",
      "Has the password expired or been reset, or is the account locked?",
      "Does the user's role allow API access, and is the subscription licensed for this module?",
    ],
    transient: false,
  },
  403: {
    title: "The credentials are valid but not allowed to use this API (403 Forbidden).",
    checks: [
      "Does the user's role include the permission this API needs (for example VM or CSAM access)?",
      "Is API access allowed for the user, and is the request coming from an allowed source IP?",
      "Are the credentials for the subscription you meant to connect?",
    ],
    transient: false,
  },
  404: {
    title: "The API URL does not lead to a Qualys API (404 Not Found).",
    checks: [
      "Is the API URL the one for your Qualys platform (see Help > About in Qualys)?",
      "Does the URL contain an extra path? Enter only the scheme and host, for example https://qualysapi.qualys.com.",
      "For CSAM, is the URL the gateway address (gateway.qgN.apps.qualys.com) rather than the VM API address?",
    ],
    transient: false,
  },
  409: {
    title:
      "Qualys refused the call because too many API calls are running or were made recently (409 Conflict).",
    checks: [
      "Is another tool or connector using the same Qualys account at the same time?",
      "The connector waits for the time Qualys asks for and retries by itself; if this keeps happening, ask Qualys about the subscription's API limits.",
    ],
    transient: true,
  },
  429: {
    title: "Qualys is limiting the rate of API calls (429 Too Many Requests).",
    checks: [
      "The limit recovers on its own; the connector waits and retries.",
      "If it happens often, run the connector less frequently or ask Qualys to review the subscription's API quota.",
    ],
    transient: true,
  },
};

const SERVER_ERROR: ConnectionProblem = {
  title: "Qualys had an internal problem answering the request.",
  checks: [
    "Check the Qualys status page for an incident on your platform.",
    "Try again in a few minutes; the connector retries server errors by itself.",
  ],
  transient: true,
};

export function explainHttpStatus(status: number): ConnectionProblem {
  const known = STATUS_PROBLEMS[status];
  if (known) return known;
  if (status >= 500 && status <= 599) {
    return { ...SERVER_ERROR, title: `${SERVER_ERROR.title.slice(0, -1)} (HTTP ${status}).` };
  }
  if (status >= 300 && status <= 399) {
    return {
      title: `The API URL redirected elsewhere (HTTP ${status}).`,
      checks: [
        "Use https:// and the exact API host of your platform; redirects are not followed for security.",
        "Is there a proxy or captive portal between Sluice and Qualys?",
      ],
      transient: false,
    };
  }
  return {
    title: `Qualys answered with an unexpected HTTP status ${status}.`,
    checks: [
      "Is the API URL correct?",
      "Check the response details below, and contact Qualys support if it persists.",
    ],
    transient: false,
  };
}

const TIMEOUT: ConnectionProblem = {
  title: "Qualys did not answer in time.",
  checks: [
    "Can the machine running Sluice reach the API host (firewall, proxy, egress rules)?",
    "Is the API URL's host right? An unreachable address often shows up as a timeout.",
    "Large requests can be slow: try again, or lower the page size.",
  ],
  transient: true,
};

const DNS: ConnectionProblem = {
  title: "The API host name could not be found (DNS lookup failed).",
  checks: [
    "Is the host name in the API URL spelled correctly?",
    "Can the machine running Sluice resolve public names (DNS server, split-horizon DNS)?",
  ],
  transient: false,
};

const REFUSED: ConnectionProblem = {
  title: "The API host refused the connection.",
  checks: [
    "Does the API URL use https:// and the right port?",
    "Is a proxy or firewall between Sluice and Qualys blocking the connection?",
  ],
  transient: false,
};

const RESET: ConnectionProblem = {
  title: "The connection to Qualys was interrupted.",
  checks: [
    "Is a proxy or firewall closing long connections?",
    "Try again; if it repeats, check network stability between Sluice and Qualys.",
  ],
  transient: true,
};

const UNREACHABLE: ConnectionProblem = {
  title: "The network path to the API host is not available.",
  checks: [
    "Does the machine running Sluice have outbound internet access?",
    "Is traffic to Qualys supposed to go through a proxy?",
  ],
  transient: true,
};

const CERT_EXPIRED: ConnectionProblem = {
  title: "The server's TLS certificate has expired or is not valid yet.",
  checks: [
    "Is the clock of the machine running Sluice correct?",
    "Is something between Sluice and Qualys (a TLS-inspecting proxy) presenting an old certificate?",
  ],
  transient: false,
};

const CERT_UNTRUSTED: ConnectionProblem = {
  title:
    "The server's TLS certificate is not signed by a trusted authority (self-signed or unknown issuer).",
  checks: [
    "Is a TLS-inspecting proxy in the path? Its CA certificate must be trusted by Sluice (NODE_EXTRA_CA_CERTS).",
    "Is the API URL pointing at the real Qualys host and not a test server?",
  ],
  transient: false,
};

const CERT_HOSTNAME: ConnectionProblem = {
  title: "The server's TLS certificate is for a different host name.",
  checks: [
    "Is the API URL's host name exactly the Qualys API host (no IP address, no alias)?",
    "Is a proxy or DNS override sending the request to another server?",
  ],
  transient: false,
};

const TLS_HANDSHAKE: ConnectionProblem = {
  title: "A secure (TLS) connection could not be set up.",
  checks: [
    "Does the API URL start with https:// and point at an HTTPS port?",
    "Is a proxy interfering with TLS?",
  ],
  transient: false,
};

const BLOCKED: ConnectionProblem = {
  title:
    "Sluice refused to connect to this address because it is on a private or internal network.",
  checks: [
    "Is the API URL the public Qualys host?",
    "If Qualys is reached through an internal proxy on purpose, an administrator can allow private networks in Settings.",
  ],
  transient: false,
};

const CODE_PROBLEMS: Record<string, ConnectionProblem> = {
  ETIMEDOUT: TIMEOUT,
  ESOCKETTIMEDOUT: TIMEOUT,
  UND_ERR_CONNECT_TIMEOUT: TIMEOUT,
  UND_ERR_HEADERS_TIMEOUT: TIMEOUT,
  UND_ERR_BODY_TIMEOUT: TIMEOUT,
  ENOTFOUND: DNS,
  EAI_AGAIN: DNS,
  EAI_NONAME: DNS,
  ECONNREFUSED: REFUSED,
  ECONNRESET: RESET,
  EPIPE: RESET,
  UND_ERR_SOCKET: RESET,
  EHOSTUNREACH: UNREACHABLE,
  ENETUNREACH: UNREACHABLE,
  CERT_HAS_EXPIRED: CERT_EXPIRED,
  CERT_NOT_YET_VALID: CERT_EXPIRED,
  DEPTH_ZERO_SELF_SIGNED_CERT: CERT_UNTRUSTED,
  SELF_SIGNED_CERT_IN_CHAIN: CERT_UNTRUSTED,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: CERT_UNTRUSTED,
  UNABLE_TO_GET_ISSUER_CERT: CERT_UNTRUSTED,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: CERT_UNTRUSTED,
  ERR_TLS_CERT_ALTNAME_INVALID: CERT_HOSTNAME,
  EPROTO: TLS_HANDSHAKE,
  ERR_SSL_WRONG_VERSION_NUMBER: TLS_HANDSHAKE,
  OUTBOUND_BLOCKED: BLOCKED,
};

const TIMEOUT_NAMES = new Set([
  "TimeoutError",
  "AbortError",
  "ConnectTimeoutError",
  "HeadersTimeoutError",
]);

/**
 * fetch() reports network failures as `TypeError: fetch failed` with the
 * system error in `cause` (sometimes nested); walk the chain for a code.
 */
function errorCodes(error: unknown): { codes: string[]; names: string[] } {
  const codes: string[] = [];
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const { code, name, cause } = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof code === "string") codes.push(code);
    if (typeof name === "string") names.push(name);
    current = cause;
  }
  return { codes, names };
}

export function explainNetworkError(error: unknown): ConnectionProblem {
  const { codes, names } = errorCodes(error);
  for (const code of codes) {
    const known = CODE_PROBLEMS[code];
    if (known) return known;
  }
  if (names.some((name) => TIMEOUT_NAMES.has(name))) return TIMEOUT;
  if (codes.some((code) => code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_")))
    return TLS_HANDSHAKE;
  const message = error instanceof Error ? error.message : String(error);
  return {
    title: "Sluice could not reach Qualys.",
    checks: [
      "Is the API URL correct and reachable from the machine running Sluice?",
      `Technical detail: ${codes[0] ?? message}`,
    ],
    transient: false,
  };
}

/** One entry point for the connection test: an HTTP answer or a thrown error. */
export function explainConnectionFailure(
  failure: { status: number } | { error: unknown },
): ConnectionProblem {
  return "status" in failure
    ? explainHttpStatus(failure.status)
    : explainNetworkError(failure.error);
}
