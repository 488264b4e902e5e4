import { ConnectorError } from "@/lib/connectors/definition";

import { DamagedPageError, fetchPage, qualysRequest, type QualysTransportOptions } from "./http";
import { parseKnowledgeBasePage, type KnowledgeBaseVuln } from "./knowledge-base";
import { apiPathUrl, normaliseApiUrl } from "./url";
import { assertSameOrigin } from "./vm-common";
import { parseDetectionPage, type VmDetectionPage } from "./vm-detections";
import { parseHostListPage, type VmHostPage } from "./vm-hosts";

/**
 * The Qualys VM API (qualysapi.qgN.apps.qualys.com/api/2.0/fo/...): Basic
 * auth plus the X-Requested-With header Qualys requires, XML answers, and
 * truncation paging where each page's WARNING names the URL of the next.
 */

export const HOST_LIST_PATH = "/api/2.0/fo/asset/host/";
export const DETECTION_PATH = "/api/2.0/fo/asset/host/vm/detection/";
export const KNOWLEDGE_BASE_PATH = "/api/2.0/fo/knowledge_base/vuln/";
export const DEFAULT_TRUNCATION_LIMIT = 1000;
/** QIDs per KnowledgeBase call: keeps the form body and the answer small. */
export const KNOWLEDGE_BASE_CHUNK = 300;
const REQUESTED_WITH = "Sluice";

/** Qualys date filters take second precision in UTC. */
export function qualysDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export type VmClientOptions = QualysTransportOptions & {
  apiUrl: string;
  credentials: { username: string; password: string };
};

export type VmClient = {
  hostPages(options?: { truncationLimit?: number }): AsyncGenerator<VmHostPage>;
  detectionPages(options?: {
    truncationLimit?: number;
    processedAfter?: Date;
  }): AsyncGenerator<VmDetectionPage>;
  knowledgeBase(qids: Iterable<number>): Promise<Map<number, KnowledgeBaseVuln>>;
};

export function createVmClient(options: VmClientOptions): VmClient {
  const base = normaliseApiUrl(options.apiUrl);
  const authorization = `Basic ${Buffer.from(
    `${options.credentials.username}:${options.credentials.password}`,
    "utf8",
  ).toString("base64")}`;
  const headers = { authorization, "x-requested-with": REQUESTED_WITH };

  function post(path: string, form: Record<string, string>) {
    return qualysRequest(
      apiPathUrl(base, path),
      {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      },
      options,
    );
  }

  function get(url: URL) {
    return qualysRequest(url, { method: "GET", headers }, options);
  }

  /**
   * Follows a truncated list to its end. The first page is a form POST; the
   * next pages are the exact URLs Qualys names, checked to stay on the
   * configured origin.
   */
  async function* pages<P extends { nextUrl?: string }>(
    path: string,
    form: Record<string, string>,
    parse: (xml: string, status: number) => P,
  ): AsyncGenerator<P> {
    let next: URL | undefined;
    const seen = new Set<string>();
    for (;;) {
      const target = next;
      const page = await fetchPage(async () => {
        const response = target ? await get(target) : await post(path, form);
        if (response.body.trim() === "") {
          throw new DamagedPageError(`Qualys answered ${path} with an empty body`);
        }
        return parse(response.body, response.status);
      }, options);
      yield page;
      if (!page.nextUrl) return;
      try {
        next = assertSameOrigin(page.nextUrl, base);
      } catch (error) {
        throw new ConnectorError((error as Error).message, { cause: error });
      }
      if (seen.has(next.toString())) {
        throw new ConnectorError(
          `Qualys pointed the next page of ${path} back at a page already read`,
        );
      }
      seen.add(next.toString());
    }
  }

  return {
    hostPages({ truncationLimit = DEFAULT_TRUNCATION_LIMIT } = {}) {
      return pages(
        HOST_LIST_PATH,
        {
          action: "list",
          details: "All",
          show_tags: "1",
          truncation_limit: String(truncationLimit),
        },
        (xml, status) => parseHostListPage(xml, { httpStatus: status }),
      );
    },

    detectionPages({ truncationLimit = DEFAULT_TRUNCATION_LIMIT, processedAfter } = {}) {
      const form: Record<string, string> = {
        action: "list",
        show_tags: "1",
        show_qds: "1",
        output_format: "XML",
        truncation_limit: String(truncationLimit),
      };
      if (processedAfter) form.vm_processed_after = qualysDateTime(processedAfter);
      return pages(DETECTION_PATH, form, (xml, status) =>
        parseDetectionPage(xml, { httpStatus: status }),
      );
    },

    async knowledgeBase(qids) {
      const wanted = [...new Set(qids)].sort((a, b) => a - b);
      const found = new Map<number, KnowledgeBaseVuln>();
      for (let start = 0; start < wanted.length; start += KNOWLEDGE_BASE_CHUNK) {
        const ids = wanted.slice(start, start + KNOWLEDGE_BASE_CHUNK).join(",");
        for await (const page of pages(
          KNOWLEDGE_BASE_PATH,
          { action: "list", details: "All", ids },
          (xml, status) => parseKnowledgeBasePage(xml, { httpStatus: status }),
        )) {
          for (const vuln of page.vulns) found.set(vuln.qid, vuln);
        }
      }
      return found;
    },
  };
}
