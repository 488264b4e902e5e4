import type { ConnectionTestResult } from "@/lib/connectors/definition";
import { explainQualysFailure } from "@/lib/qualys/explain-failure";
import type { RetryPolicy } from "@/lib/qualys/retry";

import { vmClientFor, type QualysVmContext, type QualysVmReadOptions } from "./source";

// A person is waiting for the answer: one try, and a 409/429 is shown as it is.
const NO_RETRY: RetryPolicy = {
  maxAttempts: 1,
  baseDelayMs: 0,
  maxDelayMs: 0,
  jitter: 0,
  maxServerWaitMs: 0,
  retryNetworkErrors: false,
};

async function firstPage<T>(pages: AsyncGenerator<T>): Promise<T | undefined> {
  try {
    const { value, done } = await pages.next();
    return done ? undefined : value;
  } finally {
    await pages.return(undefined);
  }
}

/**
 * Asks for one host of the host list (and one of the detection list when
 * vulnerabilities are collected): proves the URL, the credentials, API access
 * and the VM permissions the runs need.
 */
export async function testQualysVmConnection(
  context: QualysVmContext,
  options: QualysVmReadOptions = {},
): Promise<ConnectionTestResult> {
  const client = vmClientFor(context, { retryPolicy: NO_RETRY, pageAttempts: 1, ...options });
  const host = new URL(context.config.apiUrl).host;
  try {
    const details: string[] = [];
    const hosts = await firstPage(client.hostPages({ truncationLimit: 1 }));
    details.push(
      hosts?.hosts.length
        ? `The host list is readable${hosts.nextUrl ? " and has more hosts" : ""}.`
        : "The host list is readable but empty; a run would import no hosts.",
    );
    if (context.config.contentTypes.includes("VULNERABILITIES")) {
      const detections = await firstPage(client.detectionPages({ truncationLimit: 1 }));
      details.push(
        detections?.hosts.length
          ? "The host detection list is readable."
          : "The host detection list is readable but has no detections yet.",
      );
    }
    return { ok: true, summary: `Signed in to ${host} with API access.`, details };
  } catch (error) {
    if (context.signal.aborted) {
      return {
        ok: false,
        title: "The connection test took too long and was stopped.",
        checks: [
          "Can the machine running Sluice reach the API host (firewall, proxy)?",
          "Is the API URL the API server of your platform (Help > About in Qualys)?",
        ],
        details: error instanceof Error ? error.message : String(error),
      };
    }
    return explainQualysFailure(error);
  }
}
