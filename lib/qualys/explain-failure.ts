import { ConnectorError, type ConnectionTestResult } from "@/lib/connectors/definition";

import { CsamApiError } from "./csam";
import { explainNetworkError } from "./errors";
import { DamagedPageError, QualysRequestError } from "./http";
import { QualysApiError, UnexpectedDocumentError } from "./simple-return";
import { XmlParseError } from "./xml";

type Failure = Extract<ConnectionTestResult, { ok: false }>;

function isQualysFailure(error: unknown): boolean {
  return (
    error instanceof QualysApiError ||
    error instanceof CsamApiError ||
    error instanceof XmlParseError ||
    error instanceof UnexpectedDocumentError ||
    error instanceof DamagedPageError
  );
}

/**
 * Turns whatever a Qualys call threw into the failed connection-test result:
 * what happened, what to check, and the technical detail (never credentials:
 * the clients put only status lines and Qualys's own error text in errors).
 */
export function explainQualysFailure(error: unknown): Failure {
  if (error instanceof QualysRequestError) {
    return { ok: false, title: error.message, checks: error.checks, details: error.details };
  }
  if (error instanceof QualysApiError) {
    return {
      ok: false,
      title: `Qualys refused the request${error.code === undefined ? "" : ` (error ${error.code})`}: ${error.text || "no reason given"}`,
      checks: error.retryable
        ? [
            "The subscription's API limits were reached; try again in a few minutes.",
            "Is another tool using the same Qualys account at the same time?",
          ]
        : [
            "Does the user's role allow this API (VM or CSAM module, API access)?",
            "Are the connector's settings valid for your subscription?",
          ],
      details: error.message,
    };
  }
  if (error instanceof CsamApiError) {
    return {
      ok: false,
      title: "The CSAM asset search answered with an error.",
      checks: [
        "Is the subscription licensed for CSAM, and does the user have CSAM API access?",
        "Is the tag filter made of existing tag names?",
      ],
      details: error.message,
    };
  }
  if (error instanceof XmlParseError || error instanceof UnexpectedDocumentError) {
    return {
      ok: false,
      title: "The API URL answered, but not with a Qualys API response.",
      checks: [
        "Is the API URL the API server of your platform (Help > About in Qualys), not the web console or a proxy page?",
        "Is a proxy in between answering instead of Qualys?",
      ],
      details: error.message,
    };
  }
  const problem = explainNetworkError(error);
  return {
    ok: false,
    title: problem.title,
    checks: problem.checks,
    details: error instanceof Error ? error.message : String(error),
  };
}

/**
 * For a source: a Qualys failure becomes a ConnectorError whose message is
 * the explanation, so the run's reason reads like the connection test's.
 * Cancellation and errors that are already explained pass through.
 */
export function asConnectorError(error: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted || !isQualysFailure(error)) return error;
  const explained = explainQualysFailure(error);
  return new ConnectorError(
    explained.details && explained.details !== explained.title
      ? `${explained.title} (${explained.details})`
      : explained.title,
    { cause: error },
  );
}
