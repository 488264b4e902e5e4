import type { ConnectionTestResult } from "@/lib/connectors/definition";
import { explainQualysFailure } from "@/lib/qualys/explain-failure";

import { gatewayClientFor, type CsamContext, type CsamReadOptions } from "./source";
import { csamTagNames } from "./schema";

/**
 * Signs in at the gateway and asks for one asset with the connector's tag
 * filter: proves the URL, the credentials, the CSAM entitlement and the
 * filter in two calls.
 */
export async function testCsamConnection(
  context: CsamContext,
  options: CsamReadOptions = {},
): Promise<ConnectionTestResult> {
  // No retries in a test: a person is waiting, and a 409/429 is worth showing.
  const client = gatewayClientFor(context, {
    retryPolicy: {
      maxAttempts: 1,
      baseDelayMs: 0,
      maxDelayMs: 0,
      jitter: 0,
      maxServerWaitMs: 0,
      retryNetworkErrors: false,
    },
    pageAttempts: 1,
    ...options,
  });
  const tagNames = csamTagNames(context.config);
  try {
    await client.token();
    const page = await client.searchAssets({ pageSize: 1, tagNames });
    const first = page.assets[0] as { assetName?: unknown; assetId?: unknown } | undefined;
    return {
      ok: true,
      summary: `Signed in to ${new URL(context.config.baseUrl).host} and read the CSAM asset inventory.`,
      details: [
        "The gateway issued a token for the user.",
        page.assets.length === 0
          ? tagNames.length > 0
            ? `No asset carries the tags ${tagNames.join(", ")}; a run would import nothing.`
            : "The inventory is empty; a run would import nothing."
          : `First asset: ${String(first?.assetName ?? first?.assetId ?? "unnamed")}${page.hasMore ? ", and more to come." : "."}`,
        ...(tagNames.length > 0 ? [`Tag filter: ${tagNames.join(", ")}.`] : []),
      ],
    };
  } catch (error) {
    if (context.signal.aborted) {
      return {
        ok: false,
        title: "The connection test took too long and was stopped.",
        checks: [
          "Can the machine running Sluice reach the gateway (firewall, proxy)?",
          "Is the base URL the gateway of your platform?",
        ],
        details: error instanceof Error ? error.message : String(error),
      };
    }
    return explainQualysFailure(error);
  }
}
