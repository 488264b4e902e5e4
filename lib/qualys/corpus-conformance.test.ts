// Conformance against the shared corpus of recorded and published Qualys
// responses (../shared/corpus, next to the repository). The expected counts
// come from ../shared/corpus/SOURCES.md. The corpus is not part of the
// project; when it is absent the suite says so instead of passing silently.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import { parseCsamPage, toCsamHostAsset } from "./csam";
import { parseKnowledgeBasePage } from "./knowledge-base";
import { parseSimpleReturn, QualysApiError, UnexpectedDocumentError } from "./simple-return";
import { parseDetectionPage } from "./vm-detections";
import { parseDetectionCsvPage } from "./vm-detections-csv";
import { parseHostListPage } from "./vm-hosts";
import { withCorpus } from "@/test/support/corpus";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));
const read = (path: string) => readFileSync(`${CORPUS}${path}`, "utf8");

withCorpus(() => {
  describe("qualys_csam_json", () => {
    const page = parseCsamPage(
      read("qualys_csam_json/elastic-qualys_gav_mock_asset_page1_hasMore1.json"),
      { pageSize: 2 },
    );
    const assets = page.assets.map(toCsamHostAsset);

    it("yields 2 assets with exact IDs and the next-page cursor", () => {
      expect(page.count).toBe(2);
      expect(page.hasMore).toBe(true);
      expect(page.nextLastSeenAssetId).toBe("67538043");
      expect(assets.map((asset) => asset.assetId)).toEqual(["67533741", "67538043"]);
    });

    it("keeps the 19-digit software IDs exactly as written", () => {
      expect(
        assets.map((asset) => asset.software.map((item) => [item.id, item.name, item.version])),
      ).toEqual([
        [["8464359598295418000", "Apache HTTP Server", "2.4.7"]],
        [["2727678485371137000", "Squarespace Commerce", "mock_version"]],
      ]);
    });

    it("maps hardware, network, ports, tags, cloud and business data", () => {
      const [first, second] = assets;
      expect(first).toMatchObject({
        biosSerialNumber: "Test serial number",
        osName: "Windows 10",
        hardwareManufacturer: "Mock manufacturer",
        macAddresses: ["00:0c:29:15:6a:72"],
        openPorts: [expect.objectContaining({ port: 443, protocol: "TCP" })],
        volumes: [{ name: "/", size: 48202350592, free: 34645118976 }],
        tags: [expect.objectContaining({ id: "25971788", name: "Shodan" })],
        cloud: expect.objectContaining({
          provider: "AWS",
          instanceId: "instanceId_value",
          region: "us-west-2",
        }),
        business: expect.objectContaining({ company: "Qualys", operationalStatus: "Blocked" }),
        customAttributes: [
          { key: "Media State4", value: "Media disconnected", connectorName: "Qualys" },
        ],
      });
      // Asset 2 has agent.activations null and cloudProvider.aws null.
      expect(second.cloud).toMatchObject({ provider: "GCP", zone: "us-central1-a" });
      expect(second.agentVersion).toBe("mock_agent_version");
    });
  });

  describe("qualys_vm_xml: host list", () => {
    it.each([
      ["graph-qualys_host_list_id_set_1host.xml", [], ["107800671"]],
      ["graph-qualys_host_list_empty.xml", [], []],
      ["qualys-doc-center_host_list_details_all_ec2_metadata.xml", ["135151"], []],
    ])("%s", (file, hostIds, idSet) => {
      const page = parseHostListPage(read(`qualys_vm_xml/${file}`));
      expect(page.hosts.map((host) => host.id)).toEqual(hostIds);
      expect(page.hostIds).toEqual(idSet);
      expect(page.rejected).toEqual([]);
      expect(page.nextUrl).toBeUndefined();
    });

    it("reads the EC2 metadata of the doc sample, despite its wrapped values", () => {
      const [host] = parseHostListPage(
        read("qualys_vm_xml/qualys-doc-center_host_list_details_all_ec2_metadata.xml"),
      ).hosts;
      expect(host).toMatchObject({
        trackingMethod: "EC2",
        ec2InstanceId: "i-0bb87c3281243cdfd",
        lastVulnScanAt: "2017-03-21T13:39:38.000Z",
      });
      expect(host.cloudMetadata.map((attribute) => [attribute.name, attribute.value])).toEqual([
        ["latest/dynamic/instance-identity/document/region", "us-east-1"],
        ["latest/dynamic/instance-identity/document/instanceId", "i-0bb87c3281243cdfd"],
        ["latest/dynamic/instance-identity/document/accountId", "205767712438"],
      ]);
    });
  });

  describe("qualys_vm_xml: detections", () => {
    it.each([
      ["graph-qualys_host_detection_empty.xml", []],
      ["graph-qualys_fixture_detections.xml", [["6506432", [38170, 38173, 38601]]]],
      [
        "qualys-doc-center_host_detection_sample1_3detections.xml",
        [["6506432", [38170, 38173, 38601]]],
      ],
      ["qualys-doc-center_host_detection_ec2_metadata.xml", [["135151", []]]],
      ["elastic-qualys_vmdr_mock_host_detection_qds.xml", [["12048633", [197595, 197597]]]],
    ])("%s", (file, expected) => {
      const page = parseDetectionPage(read(`qualys_vm_xml/${file}`));
      expect(
        page.hosts.map((host) => [host.id, host.detections.map((detection) => detection.qid)]),
      ).toEqual(expected);
      expect(page.rejected).toEqual([]);
    });

    it("reads QDS with its severity band, unique IDs and padded CDATA", () => {
      const [host] = parseDetectionPage(
        read("qualys_vm_xml/elastic-qualys_vmdr_mock_host_detection_qds.xml"),
      ).hosts;
      expect(host).toMatchObject({
        dnsHostname: "adfssrvr",
        fqdn: "adfssrvr.adfs.local",
        os: "Windows 2016/2019/10",
      });
      expect(
        host.detections.map((detection) => [
          detection.uniqueVulnId,
          detection.severity,
          detection.qds,
        ]),
      ).toEqual([
        ["5555555555", 3, { score: 35, severity: "LOW" }],
        ["6666666666", 5, { score: 95, severity: "CRITICAL" }],
      ]);
      expect(host.detections[1].qdsFactors).toContainEqual({ name: "CISA_vuln", value: "YES" });
      expect(host.detections[0].lastFixedAt).toBe("2022-12-14T06:52:57.000Z");
    });

    it("refuses the ASSET_DATA_REPORT scan reports, which are a different format", () => {
      for (const file of [
        "defectdojo_Qualys_Sample_Report_asset_data_report.xml",
        "defectdojo_empty_asset_data_report.xml",
      ]) {
        expect(() => parseDetectionPage(read(`qualys_vm_xml/${file}`))).toThrow(
          UnexpectedDocumentError,
        );
      }
    });

    it("reads the CSV output sample into the same records", () => {
      const page = parseDetectionCsvPage(
        read("qualys_csv/qualys-doc-center_host_detection_output_format_csv.csv"),
      );
      expect(page.statusMessage).toBe("Finished");
      expect(page.nextUrl).toBeUndefined();
      expect(
        page.hosts.map((host) => [
          host.id,
          host.ip,
          host.detections.map((detection) => detection.qid),
        ]),
      ).toEqual([["6506432", "10.10.10.11", [38170, 38173, 38601]]]);
      expect(page.hosts[0].detections[2].results).toContain("RC4-MD5\tRSA");
    });
  });

  describe("qualys_vm_xml: knowledge base", () => {
    it.each([
      ["graph-qualys_kb_vuln_list_1vuln.xml", 1, 1],
      ["graph-qualys_kb_vuln_list_42vulns.xml", 42, 6],
      ["graph-qualys_kb_vuln_list_empty.xml", 0, 0],
      ["elastic-qualys_vmdr_mock_kb_vuln_11830.xml", 1, 2],
    ])("%s has %i VULN and %i CVE", (file, vulns, cves) => {
      const page = parseKnowledgeBasePage(read(`qualys_vm_xml/${file}`));
      expect(page.vulns).toHaveLength(vulns);
      expect(page.vulns.reduce((sum, vuln) => sum + vuln.cves.length, 0)).toBe(cves);
      expect(page.rejected).toEqual([]);
    });

    it("maps the Cisco IOS XE vulnerability", () => {
      const [vuln] = parseKnowledgeBasePage(
        read("qualys_vm_xml/graph-qualys_kb_vuln_list_1vuln.xml"),
      ).vulns;
      expect(vuln).toMatchObject({
        qid: 316760,
        severity: 3,
        category: "Cisco",
        patchable: true,
        cves: [{ id: "CVE-2020-3403" }],
        software: [{ product: "ios_xe", vendor: "cisco" }],
        discovery: {
          remote: true,
          authTypes: ["Unix", "SNMP", "WEBLOGIC_VULN"],
          additionalInfo: "Patch Available",
        },
      });
      expect(vuln.title).toMatch(/^Cisco IOS XE Software Command Injection/);
      expect(vuln.threat).toMatch(/CLI of Cisco IOS XE/);
      expect(vuln.impact).toMatch(/root privileges/);
    });

    it("reads threat intelligence with its id attribute", () => {
      const [vuln] = parseKnowledgeBasePage(
        read("qualys_vm_xml/elastic-qualys_vmdr_mock_kb_vuln_11830.xml"),
      ).vulns;
      expect(vuln.threatIntelligence).toEqual([{ id: "8", text: "No_Patch" }]);
      expect(vuln.title).toBe("HTTP Security Header Not Detected");
    });
  });

  describe("qualys_vm_xml: SIMPLE_RETURN", () => {
    const xml = () => read("qualys_vm_xml/graph-qualys_simple_return_error_1905.xml");

    it("reads code 1905 and its text", () => {
      expect(parseSimpleReturn(xml())).toMatchObject({
        code: 1905,
        text: expect.stringMatching(/^parameter ids has invalid value/),
      });
    });

    it("becomes a parameter error when a page parser receives it", () => {
      expect(() => parseKnowledgeBasePage(xml(), { httpStatus: 400 })).toThrow(QualysApiError);
      try {
        parseKnowledgeBasePage(xml(), { httpStatus: 400 });
      } catch (error) {
        expect(error).toMatchObject({ code: 1905, kind: "parameter", httpStatus: 400 });
      }
    });
  });
}, CORPUS);
