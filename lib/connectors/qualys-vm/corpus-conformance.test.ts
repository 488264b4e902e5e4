// The Qualys VM connector end to end over HTTP against recorded and published
// Qualys responses in ../shared/corpus; expected counts are those in its
// SOURCES.md. Without the corpus the suite says so instead of passing silently.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { vulnerabilityFindingModel } from "@/lib/datamodels/vulnerability-finding";
import { explainHttpStatus } from "@/lib/qualys/errors";
import { QualysRequestError } from "@/lib/qualys/http";
import { collect, connectorContext, FAST_RETRY, recordingSleep } from "@/lib/qualys/test-support";
import { startQualysServer, type QualysServerOptions } from "@/test/support/qualys-server";

import { qualysVmConfigSchema, type QualysVmContentType } from "./schema";
import { KnowledgeBaseCache, readQualysVm } from "./source";
import { withCorpus } from "@/test/support/corpus";

const CORPUS = fileURLToPath(new URL("../../../../shared/corpus/", import.meta.url));
const file = (name: string) => `${CORPUS}qualys_vm_xml/${name}`;

async function run(files: QualysServerOptions["files"], contentTypes: QualysVmContentType[]) {
  const server = await startQualysServer({ files });
  try {
    const context = {
      ...connectorContext(qualysVmConfigSchema.parse({ apiUrl: server.url, contentTypes }), {
        username: server.username,
        password: server.password,
      }),
      since: null,
    };
    const pages = await collect(
      readQualysVm(context, {
        retryPolicy: FAST_RETRY,
        sleep: recordingSleep(),
        knowledgeBaseCache: new KnowledgeBaseCache(),
      }),
    );
    return { pages, records: pages.flatMap((page) => page.records.map((r) => r.record)), server };
  } finally {
    await server.close();
  }
}

withCorpus(() => {
  describe("Qualys VM connector on corpus detection lists", () => {
    it.each([
      ["elastic-qualys_vmdr_mock_host_detection_qds.xml", ["12048633"], [197595, 197597]],
      ["graph-qualys_fixture_detections.xml", ["6506432"], [38170, 38173, 38601]],
      ["qualys-doc-center_host_detection_sample1_3detections.xml", null, null],
      ["qualys-doc-center_host_detection_ec2_metadata.xml", [], []],
      ["graph-qualys_host_detection_empty.xml", [], []],
    ] as const)("%s gives one finding per detection", async (name, hostIds, qids) => {
      const expected = {
        "elastic-qualys_vmdr_mock_host_detection_qds.xml": 2,
        "graph-qualys_fixture_detections.xml": 3,
        "qualys-doc-center_host_detection_sample1_3detections.xml": 3,
        "qualys-doc-center_host_detection_ec2_metadata.xml": 0,
        "graph-qualys_host_detection_empty.xml": 0,
      }[name];
      const { records } = await run({ detections: file(name) }, ["VULNERABILITIES"]);
      expect(records).toHaveLength(expected);
      if (hostIds) expect([...new Set(records.map((r) => r.hostId))]).toEqual(hostIds);
      if (qids) expect(records.map((r) => r.qid)).toEqual(qids);
      expect(new Set(records.map((r) => r.hostId)).size).toBeLessThanOrEqual(1);
    });

    it("keeps QDS and enriches what the KnowledgeBase knows", async () => {
      const { records } = await run(
        { detections: file("elastic-qualys_vmdr_mock_host_detection_qds.xml") },
        ["VULNERABILITIES"],
      );
      expect(records.map((r) => [r.qid, r.severity, r.qds])).toEqual([
        [197595, 3, 35],
        [197597, 5, 95],
      ]);
      // The generated KnowledgeBase knows 197595 but not 197597.
      expect(records.map((r) => r.title)).toEqual(["Generated vulnerability 197595", undefined]);
      for (const record of records) {
        expect(
          vulnerabilityFindingModel.recordSchema.safeParse(record).error?.issues ?? [],
        ).toEqual([]);
      }
    });

    it("enriches from a recorded KnowledgeBase answer", async () => {
      const { records } = await run(
        {
          detections: file("graph-qualys_fixture_detections.xml"),
          knowledgeBase: file("elastic-qualys_vmdr_mock_kb_vuln_11830.xml"),
        },
        ["VULNERABILITIES"],
      );
      // The recorded KB answer is about QID 11830 only, so nothing matches.
      expect(records).toHaveLength(3);
      expect(records.every((record) => record.title === undefined)).toBe(true);
    });
  });

  describe("Qualys VM connector on corpus host lists", () => {
    it.each([
      ["qualys-doc-center_host_list_details_all_ec2_metadata.xml", ["135151"]],
      ["graph-qualys_host_list_empty.xml", []],
    ] as const)("%s gives its hosts as Host Asset records", async (name, hostIds) => {
      const { pages, records } = await run({ hostList: file(name) }, ["HOSTS"]);
      expect(records.map((record) => record.hostId)).toEqual(hostIds);
      expect(pages.every((page) => page.dataModel === "host-asset")).toBe(true);
    });
  });

  it("turns the recorded 400 SIMPLE_RETURN into the 400 explanation with Qualys's reason", async () => {
    const server = await startQualysServer();
    try {
      server.inject({
        status: 400,
        pathPrefix: "/api/",
        body: readFileSync(file("graph-qualys_simple_return_error_1905.xml"), "utf8"),
      });
      const context = {
        ...connectorContext(qualysVmConfigSchema.parse({ apiUrl: server.url }), {
          username: server.username,
          password: server.password,
        }),
        since: null,
      };
      const error = await collect(readQualysVm(context, { retryPolicy: FAST_RETRY })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(QualysRequestError);
      expect((error as Error).message).toBe(explainHttpStatus(400).title);
      expect((error as QualysRequestError).details).toMatch(
        /Qualys error 1905: parameter ids has invalid value: abc123/,
      );
    } finally {
      await server.close();
    }
  });
}, CORPUS);
