import { describe, expect, it } from "vitest";
import { canonicalIp, normaliseIdentifier } from "./identifiers";

describe("identifier normalisation", () => {
  it.each([
    ["10.0.0.1", "10.0.0.1"],
    [" 10.0.0.1 ", "10.0.0.1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:0db8:0000:0000:0001:0000:0000:0001", "2001:db8::1:0:0:1"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["::1", "::1"],
    ["::", "::"],
    ["fe80::1%eth0", "fe80::1"],
    ["::ffff:10.0.0.1", "::ffff:10.0.0.1"],
    ["::FFFF:0a00:0001", "::ffff:10.0.0.1"],
    ["300.1.1.1", null],
    ["not-an-ip", null],
    ["1:2:3:4:5:6:7:8:9", null],
  ])("IP %s → %s", (input, expected) => {
    expect(canonicalIp(input)).toBe(expected);
  });

  it.each([
    ["MAC", "00-1A-2B-3C-4D-5E", "00:1a:2b:3c:4d:5e"],
    ["MAC", "001a.2b3c.4d5e", "00:1a:2b:3c:4d:5e"],
    ["MAC", "00:00:00:00:00:00", null],
    ["MAC", "00:1a:2b", null],
    ["FQDN", "Web01.Example.COM.", "web01.example.com"],
    [
      "FQDN",
      "ip-10-98-57-180.eu-west-1.compute.internal",
      "ip-10-98-57-180.eu-west-1.compute.internal",
    ],
    ["FQDN", "has space.example", null],
    ["NETBIOS", "testserver01", "TESTSERVER01"],
    ["BIOS_SERIAL", "  VMware-42 1a  ", "VMware-42 1a"],
    ["ASSET_UUID", "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"],
    ["HOST_ID", "", null],
    ["HOST_ID", "'-", null],
    ["IP", null, null],
  ] as const)("%s %s → %s", (kind, input, expected) => {
    expect(normaliseIdentifier(kind, input)).toBe(expected);
  });
});
