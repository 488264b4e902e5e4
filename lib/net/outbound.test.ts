import { describe, expect, it } from "vitest";

import {
  assertAddressesAllowed,
  assertOutboundAllowed,
  classifyAddress,
  embeddedIpv4,
  isAddressAllowed,
  OutboundBlockedError,
} from "./outbound";

describe("classifyAddress / isAddressAllowed", () => {
  // [address, category, allowed by default, allowed with allowPrivate]
  it.each([
    ["8.8.8.8", "public", true, true],
    ["64.39.96.1", "public", true, true],
    ["2606:4700::1111", "public", true, true],
    ["169.254.169.254", "metadata", false, false],
    ["169.254.10.1", "link-local", false, false],
    ["100.100.100.200", "metadata", false, false],
    ["192.0.0.192", "metadata", false, false],
    ["168.63.129.16", "metadata", false, false],
    ["fd00:ec2::254", "metadata", false, false],
    ["fe80::1", "link-local", false, false],
    ["fe80::1%eth0", "link-local", false, false],
    ["febf::1", "link-local", false, false],
    ["0.0.0.0", "unspecified", false, false],
    ["::", "unspecified", false, false],
    ["224.0.0.1", "multicast", false, false],
    ["ff02::1", "multicast", false, false],
    ["255.255.255.255", "broadcast", false, false],
    ["127.0.0.1", "loopback", false, true],
    ["127.255.255.254", "loopback", false, true],
    ["::1", "loopback", false, true],
    ["10.0.0.1", "private", false, true],
    ["172.16.0.1", "private", false, true],
    ["172.31.255.255", "private", false, true],
    ["172.32.0.1", "public", true, true],
    ["192.168.1.1", "private", false, true],
    ["100.64.0.1", "carrier-grade-nat", false, true],
    ["100.127.255.255", "carrier-grade-nat", false, true],
    ["100.128.0.1", "public", true, true],
    ["fc00::1", "unique-local", false, true],
    ["fd12:3456::1", "unique-local", false, true],
    // IPv4 carried inside IPv6 is judged as that IPv4 address.
    ["::ffff:127.0.0.1", "loopback", false, true],
    ["::ffff:7f00:1", "loopback", false, true],
    ["::ffff:169.254.169.254", "metadata", false, false],
    ["::ffff:a9fe:a9fe", "metadata", false, false],
    ["::ffff:8.8.8.8", "public", true, true],
    ["64:ff9b::a9fe:a9fe", "metadata", false, false],
    ["::10.0.0.1", "private", false, true],
    ["[::1]", "loopback", false, true],
  ])("%s is %s", (address, category, allowedByDefault, allowedWithPrivate) => {
    expect(classifyAddress(address).category).toBe(category);
    expect(isAddressAllowed(address, { allowPrivate: false })).toBe(allowedByDefault);
    expect(isAddressAllowed(address, { allowPrivate: true })).toBe(allowedWithPrivate);
  });

  it("refuses text that is not an address", () => {
    expect(() => classifyAddress("qualys.example")).toThrow(TypeError);
  });

  it.each([
    ["::ffff:1.2.3.4", "1.2.3.4"],
    ["64:ff9b::102:304", "1.2.3.4"],
    ["::1", undefined],
    ["2001:db8::1", undefined],
    ["1.2.3.4", undefined],
  ])("embeddedIpv4(%s) = %s", (address, expected) => {
    expect(embeddedIpv4(address)).toBe(expected);
  });
});

describe("OutboundBlockedError messages", () => {
  it("says what was refused and how an administrator can allow private networks", () => {
    expect(() =>
      assertAddressesAllowed("qualys.corp", ["10.20.30.40"], { allowPrivate: false }),
    ).toThrow(
      'Refused to connect to qualys.corp (10.20.30.40): it is a private network address in 10.0.0.0/8. If this connector really must reach an internal host, an administrator can turn on "Allow private network destinations" in Settings.',
    );
  });

  it("says metadata addresses are never allowed", () => {
    expect(() =>
      assertAddressesAllowed("169.254.169.254", ["169.254.169.254"], { allowPrivate: true }),
    ).toThrow(
      "Refused to connect to 169.254.169.254: it is a cloud metadata service address in 169.254.169.254/32. Sluice never connects to such addresses, whatever the settings.",
    );
  });
});

describe("assertOutboundAllowed", () => {
  const lookupTo =
    (...addresses: string[]) =>
    async () =>
      addresses;

  it("allows a host that resolves only to public addresses and returns them", async () => {
    const result = await assertOutboundAllowed("https://qualysapi.qualys.com/api/2.0/", {
      allowPrivate: false,
      lookup: lookupTo("64.39.96.133", "2600:1f18::1"),
    });
    expect(result.addresses).toEqual(["64.39.96.133", "2600:1f18::1"]);
    expect(result.url.hostname).toBe("qualysapi.qualys.com");
  });

  it("refuses when any resolved address is internal", async () => {
    await expect(
      assertOutboundAllowed("https://rebind.example/", {
        allowPrivate: false,
        lookup: lookupTo("64.39.96.133", "127.0.0.1"),
      }),
    ).rejects.toBeInstanceOf(OutboundBlockedError);
  });

  it("allows private addresses only when the administrator opted in", async () => {
    const options = { lookup: lookupTo("10.0.0.8") };
    await expect(
      assertOutboundAllowed("https://qualys.corp/", { ...options, allowPrivate: false }),
    ).rejects.toThrow(/private network/);
    await expect(
      assertOutboundAllowed("https://qualys.corp/", { ...options, allowPrivate: true }),
    ).resolves.toMatchObject({
      addresses: ["10.0.0.8"],
    });
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data/", "metadata"],
    ["http://[fd00:ec2::254]/", "metadata"],
    ["http://2852039166/", "metadata"],
    ["http://0x7f.1/", "loopback"],
    ["http://[::ffff:127.0.0.1]:8080/", "loopback"],
  ])("checks IP literals without DNS: %s", async (url, category) => {
    const lookup = async () => {
      throw new Error("DNS must not be used for IP literals");
    };
    const error = await assertOutboundAllowed(url, { allowPrivate: false, lookup }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OutboundBlockedError);
    expect((error as OutboundBlockedError).verdict.category).toBe(category);
  });

  it("refuses non-HTTP schemes and names that resolve to nothing", async () => {
    await expect(
      assertOutboundAllowed("file:///etc/passwd", { allowPrivate: true }),
    ).rejects.toThrow(/Only http and https/);
    await expect(
      assertOutboundAllowed("https://nowhere.example/", { allowPrivate: true, lookup: lookupTo() }),
    ).rejects.toThrow(/did not resolve/);
  });

  it("uses the system resolver by default", async () => {
    await expect(
      assertOutboundAllowed("http://localhost:1/", { allowPrivate: false }),
    ).rejects.toBeInstanceOf(OutboundBlockedError);
  });
});
