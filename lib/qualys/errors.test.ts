import { describe, expect, it } from "vitest";

import { OutboundBlockedError } from "../net/outbound";
import { explainConnectionFailure, explainHttpStatus, explainNetworkError } from "./errors";

// fetch() wraps system errors: TypeError("fetch failed") with the real error in `cause`.
function fetchFailure(code: string, name = "Error"): TypeError {
  const cause = Object.assign(new Error(`${code} happened`), { code, name });
  return new TypeError("fetch failed", { cause });
}

describe("explainHttpStatus", () => {
  it.each([
    [400, /invalid/i, false],
    [401, /username and password/i, false],
    [403, /not allowed/i, false],
    [404, /does not lead to a Qualys API/i, false],
    [409, /too many API calls/i, true],
    [429, /limiting the rate/i, true],
    [500, /internal problem.*HTTP 500/i, true],
    [503, /HTTP 503/, true],
    [302, /redirected/i, false],
    [418, /unexpected HTTP status 418/, false],
  ])("%i", (status, title, transient) => {
    const problem = explainHttpStatus(status);
    expect(problem.title).toMatch(title);
    expect(problem.transient).toBe(transient);
    expect(problem.checks.length).toBeGreaterThan(0);
  });

  it("asks about credentials on 401 and about permissions on 403", () => {
    expect(explainHttpStatus(401).checks.join(" ")).toMatch(/expired/);
    expect(explainHttpStatus(403).checks.join(" ")).toMatch(/role/);
  });
});

describe("explainNetworkError", () => {
  it.each([
    ["ECONNREFUSED", /refused the connection/],
    ["ENOTFOUND", /could not be found/],
    ["EAI_AGAIN", /could not be found/],
    ["ETIMEDOUT", /did not answer in time/],
    ["UND_ERR_CONNECT_TIMEOUT", /did not answer in time/],
    ["ECONNRESET", /interrupted/],
    ["EHOSTUNREACH", /network path/],
    ["CERT_HAS_EXPIRED", /expired/],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", /self-signed/],
    ["SELF_SIGNED_CERT_IN_CHAIN", /self-signed/],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", /not signed by a trusted authority/],
    ["ERR_TLS_CERT_ALTNAME_INVALID", /different host name/],
    ["ERR_SSL_WRONG_VERSION_NUMBER", /secure \(TLS\) connection/],
    ["ERR_SSL_SOMETHING_NEW", /secure \(TLS\) connection/],
  ])("%s inside fetch's cause", (code, title) => {
    expect(explainNetworkError(fetchFailure(code)).title).toMatch(title);
  });

  it("recognises an AbortSignal.timeout() abort", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(explainNetworkError(timeout)).toMatchObject({
      title: "Qualys did not answer in time.",
      transient: true,
    });
  });

  it("explains the SSRF guard's refusal with the admin setting", () => {
    const blocked = new OutboundBlockedError("qualys.internal", {
      address: "10.1.2.3",
      category: "private",
      always: false,
      range: "10.0.0.0/8",
    });
    expect(explainNetworkError(blocked).checks.join(" ")).toMatch(/allow private networks/);
  });

  it("falls back to a generic explanation that still names the detail", () => {
    const problem = explainNetworkError(new Error("socket hang up"));
    expect(problem.title).toBe("Sluice could not reach Qualys.");
    expect(problem.checks.at(-1)).toBe("Technical detail: socket hang up");
  });
});

describe("explainConnectionFailure", () => {
  it("dispatches on status or error", () => {
    expect(explainConnectionFailure({ status: 401 })).toBe(explainHttpStatus(401));
    expect(explainConnectionFailure({ error: fetchFailure("ENOTFOUND") }).title).toMatch(/DNS/);
  });
});
