// The CSAM connector end to end over HTTP against the recorded asset page in
// ../shared/corpus (see its SOURCES.md). The corpus is not part of the
// project; without it the suite says so instead of passing silently.

import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hostAssetModel } from "@/lib/datamodels/host-asset";
import { fromHostAsset } from "@/lib/ingest/to-ingest-record";
import { collect, connectorContext, FAST_RETRY, recordingSleep } from "@/lib/qualys/test-support";
import { startQualysServer, type QualysTestServer } from "@/test/support/qualys-server";

import { csamApiConfigSchema } from "./schema";
import { readCsamAssets } from "./source";
import { withCorpus } from "@/test/support/corpus";

const CORPUS = fileURLToPath(new URL("../../../../shared/corpus/", import.meta.url));
const PAGE = `${CORPUS}qualys_csam_json/elastic-qualys_gav_mock_asset_page1_hasMore1.json`;

withCorpus(() => {
  describe("CSAM connector on the recorded asset page", () => {
    let server: QualysTestServer;
    beforeAll(async () => {
      server = await startQualysServer({ files: { csamPages: [PAGE] } });
    });
    afterAll(() => server.close());

    it("yields the page's 2 assets with exact IDs and software, then stops at the 204", async () => {
      const context = {
        ...connectorContext(csamApiConfigSchema.parse({ baseUrl: server.url }), {
          username: server.username,
          password: server.password,
        }),
        since: null,
      };
      const pages = await collect(
        readCsamAssets(context, { retryPolicy: FAST_RETRY, sleep: recordingSleep(), pageSize: 2 }),
      );
      const records = pages.flatMap((page) => page.records.map((r) => r.record));
      expect(records).toHaveLength(2);
      expect(records.map((record) => record.assetId)).toEqual(["67533741", "67538043"]);
      expect(records.map((record) => record.hostId)).toEqual(["1437386", "1437387"]);
      expect(records.map((record) => record.software)).toEqual([
        [expect.objectContaining({ name: "Apache HTTP Server", version: "2.4.7" })],
        [expect.objectContaining({ name: "Squarespace Commerce", version: "mock_version" })],
      ]);
      expect(records[0]).toMatchObject({
        bios: {
          serialNumber: "Test serial number",
          lastBoot: new Date("2025-07-09T14:21:12.000Z"),
        },
        networkInterfaces: expect.arrayContaining([
          expect.objectContaining({ ipv4Address: "216.160.83.56" }),
          expect.objectContaining({ ipv4Address: "81.2.69.142", macAddress: "00:0c:29:15:6a:72" }),
        ]),
      });
      // Asset ID, cloud instance and tags are first-class attributes, not custom ones.
      expect(records[0]).toMatchObject({
        cloudInstanceId: "instanceId_value",
        cloudProvider: {
          name: "AWS",
          accountId: "1234",
          region: "us-west-2",
          zone: "us-west-2a",
          instanceType: "m4.large",
          imageId: "imageId_value",
          instanceState: "RUNNING",
          privateIpAddress: "10.0.0.1",
          publicIpAddress: "175.16.199.1",
        },
        tags: ["Shodan"],
      });
      expect(records[1]).toMatchObject({
        cloudInstanceId: "instanceId_value",
        cloudProvider: {
          name: "GCP",
          accountId: "projectId_value",
          zone: "us-central1-a",
          instanceType: "e2-standard-4",
          instanceState: "RUNNING",
        },
        tags: ["Shodan"],
      });
      for (const record of records) {
        const keys = ((record.customAttributes ?? []) as { key: string }[]).map((a) => a.key);
        expect(keys).not.toContain("Qualys Asset ID");
        expect(keys).not.toContain("Cloud Instance ID");
      }
      // The identification rules see the asset UUID, host id and cloud instance id.
      const ingest = records.map((record) => fromHostAsset(record));
      expect(ingest.map((r) => r.sourceRecordId)).toEqual(["67533741", "67538043"]);
      expect(ingest.map((r) => r.identifiers.CLOUD_INSTANCE_ID)).toEqual([
        ["instanceId_value"],
        ["instanceId_value"],
      ]);
      expect(ingest.map((r) => r.identifiers.ASSET_UUID)).toEqual([
        ["bda51f1d-13cf-49ad-a3a0-9f83debbe5a9"],
        ["4cf3040a-82a5-46a1-b059-17372b051ec7"],
      ]);
      expect(ingest.map((r) => r.host.tags)).toEqual([["Shodan"], ["Shodan"]]);
      // "mock_gateway_address" is not an IP, so it is dropped rather than failing the record.
      expect(JSON.stringify(records)).not.toContain("mock_geteaway_address");
      for (const record of records) {
        expect(hostAssetModel.recordSchema.safeParse(record).error?.issues ?? []).toEqual([]);
      }
      const searches = server.requests.filter((r) => r.path === "/rest/2.0/search/am/asset");
      expect(searches.map((r) => [r.query.lastSeenAssetId, r.status])).toEqual([
        ["0", 200],
        ["67538043", 204],
      ]);
    });
  });
}, CORPUS);
