/** Table tests of the pure URL policy: portal, hosted (per ArcGIS Online environment), server, other. */
import { describe, expect, it } from "vitest";
import { classifyUrl, locatePortal } from "./classifyUrl.ts";
import type { UrlKind } from "./types.ts";

const LOCAL = "http://localhost:4100/sharing/rest";
const AGOL = "https://www.arcgis.com/sharing/rest";
const ORG = "https://myorg.maps.arcgis.com/sharing/rest";
const ENTERPRISE = "https://gis.city.gov/portal/sharing/rest";

const portal: UrlKind = { kind: "portal" };
const hosted: UrlKind = { kind: "hosted" };
const other: UrlKind = { kind: "other" };
const server = (root: string): UrlKind => ({ kind: "server", root });

const cases: [portalUrl: string, url: string, expected: UrlKind][] = [
  // The portal's own URLs.
  [LOCAL, "http://localhost:4100/sharing/rest/community/self?f=json", portal],
  [LOCAL, "http://localhost:4100/sharing/rest", portal],
  [LOCAL, "HTTP://LOCALHOST:4100/sharing/rest/info", portal],
  [LOCAL, "http://localhost:4100/", portal],
  // Same origin, and the local portal's root is "": the request goes to the portal itself.
  [LOCAL, "http://localhost:4100/sharing/restX", portal],
  [AGOL, "https://www.arcgis.com/sharing/rest/content/items/abc?f=json", portal],
  [AGOL, "https://www.arcgis.com:443/sharing/rest", portal],
  [ORG, "https://myorg.maps.arcgis.com/sharing/rest/portals/self", portal],
  [ENTERPRISE, "https://gis.city.gov/portal/sharing/rest/generateToken", portal],
  [ENTERPRISE, "https://gis.city.gov/portal", portal],
  [ENTERPRISE, "https://gis.city.gov/portal/home/item.html?id=1", portal],
  // Look-alikes of the portal: other origin, scheme, port, userinfo, host tricks, path tricks.
  [LOCAL, "https://localhost:4100/sharing/rest", other],
  [LOCAL, "http://localhost:4101/sharing/rest", other],
  [LOCAL, "http://localhost/sharing/rest", other],
  [LOCAL, "http://127.0.0.1:4100/sharing/rest", other],
  [LOCAL, "http://[::1]:4100/sharing/rest", other],
  [LOCAL, "http://localhost:4100.evil/sharing/rest", other],
  [LOCAL, "http://localhost.:4100/sharing/rest", other],
  [LOCAL, "http://localhost%3A4100.evil.com/sharing/rest", other],
  [LOCAL, "http://localhost%2e:4100/sharing/rest", other],
  [LOCAL, "http://user:pw@localhost:4100/sharing/rest", other],
  [LOCAL, "http://user@localhost:4100/sharing/rest", other],
  [LOCAL, "http://localhost:4100@evil.com/sharing/rest", other],
  [LOCAL, "http://evil.com/sharing/rest", other],
  [LOCAL, "http://evil.com/sharing/restX", other],
  [LOCAL, "http://evil.com/?next=http://localhost:4100/sharing/rest", other],
  [LOCAL, "http://evil.com#http://localhost:4100/sharing/rest", other],
  [AGOL, "https://www.arcgis.com@evil.com/sharing/rest", other],
  [AGOL, "https://www.arcgis.com.evil.com/sharing/rest", other],
  [AGOL, "https://evil.com/https://www.arcgis.com/sharing/rest", other],
  [AGOL, "http://www.arcgis.com/sharing/rest", other],
  [AGOL, "https://www.arcgis.com:8443/sharing/rest", other],
  [AGOL, "https://www.xn--rcgis-4we.com/sharing/rest", other],
  [AGOL, "https://www.аrcgis.com/sharing/rest", other],
  [ENTERPRISE, "https://gis.city.gov/portalX/sharing/rest", other],
  [ENTERPRISE, "https://gis.city.gov/Portal/sharing/rest", other],
  [ENTERPRISE, "https://gis.city.gov/sharing/rest", other],
  [ENTERPRISE, "http://gis.city.gov/portal/sharing/rest", other],
  [ENTERPRISE, "https://evil.com/portal/sharing/rest", other],
  // Not http(s), not absolute, not a URL.
  [LOCAL, "ftp://localhost:4100/sharing/rest", other],
  [LOCAL, "ws://localhost:4100/sharing/rest", other],
  [LOCAL, "javascript:alert(1)//localhost:4100/sharing/rest", other],
  [LOCAL, "blob:http://localhost:4100/0b8f1a1e", other],
  [LOCAL, "data:text/plain,http://localhost:4100/sharing/rest", other],
  [LOCAL, "file:///sharing/rest", other],
  [LOCAL, "/sharing/rest", other],
  [LOCAL, "", other],
  [LOCAL, "http://", other],
  [LOCAL, "not a url", other],
  // ArcGIS Online hosted services, per environment.
  [AGOL, "https://services.arcgis.com/org/arcgis/rest/services/X/FeatureServer/0/query", hosted],
  [AGOL, "https://services7.arcgis.com/org/arcgis/rest/services/X/FeatureServer", hosted],
  [AGOL, "https://SERVICES3.arcgis.com/org/arcgis/rest/info", hosted],
  [ORG, "https://services.arcgis.com/org/arcgis/rest/services/X/FeatureServer", hosted],
  [
    "https://devext.arcgis.com/sharing/rest",
    "https://servicesdev.arcgis.com/o/arcgis/rest/services/X",
    hosted,
  ],
  ["https://myorg.mapsdevext.arcgis.com/sharing/rest", "https://servicesdev1.arcgis.com/o/x", hosted],
  ["https://myorg.mapsdev.arcgis.com/sharing/rest", "https://servicesdev.arcgis.com/o/x", hosted],
  ["https://qaext.arcgis.com/sharing/rest", "https://servicesqa.arcgis.com/o/arcgis/rest/services/X", hosted],
  ["https://myorg.mapsqa.arcgis.com/sharing/rest", "https://servicesqa2.arcgis.com/o/x", hosted],
  // Hosted look-alikes: other environment, http, port, userinfo, suffix tricks.
  [
    AGOL,
    "https://servicesdev.arcgis.com/o/arcgis/rest/services/X",
    server("https://servicesdev.arcgis.com/o/arcgis"),
  ],
  ["https://devext.arcgis.com/sharing/rest", "https://services.arcgis.com/o/x", other],
  ["https://myorg.mapsqa.arcgis.com/sharing/rest", "https://services1.arcgis.com/o/x", other],
  [
    AGOL,
    "http://services.arcgis.com/o/arcgis/rest/services/X",
    server("http://services.arcgis.com/o/arcgis"),
  ],
  [AGOL, "https://services.arcgis.com:8443/o/x", other],
  [AGOL, "https://a:b@services.arcgis.com/o/x", other],
  [AGOL, "https://services.arcgis.com@evil.com/o/x", other],
  [AGOL, "https://services.arcgis.com.evil.com/o/x", other],
  [AGOL, "https://xservices.arcgis.com/o/x", other],
  [AGOL, "https://services.arcgis.community/o/x", other],
  [ENTERPRISE, "https://services.arcgis.com/o/x", other],
  [LOCAL, "https://services.arcgis.com/o/x", other],
  // ArcGIS Servers: root cut before /rest/services or /rest/admin/services, host lower-cased only.
  [
    LOCAL,
    "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0/query",
    server("http://localhost:4200/arcgis"),
  ],
  [LOCAL, "http://LOCALHOST:4200/ArcGIS/REST/Services/Trees", server("http://localhost:4200/ArcGIS")],
  [LOCAL, "http://localhost:4200/arcgis/rest/admin/services/x", server("http://localhost:4200/arcgis")],
  [LOCAL, "http://localhost:4200/arcgis/rest/services?f=json", server("http://localhost:4200/arcgis")],
  [LOCAL, "http://localhost:4200/arcgis/rest/services#x", server("http://localhost:4200/arcgis")],
  [LOCAL, "http://localhost:4200/rest/services/x", server("http://localhost:4200")],
  [LOCAL, "http://localhost:4200/a/../arcgis/rest/services/x", server("http://localhost:4200/arcgis")],
  [LOCAL, "http://localhost:4200/arcgis//rest/services/x", server("http://localhost:4200/arcgis")],
  [
    AGOL,
    "https://tiles.arcgis.com:443/tiles/o/arcgis/rest/services/X/MapServer",
    server("https://tiles.arcgis.com/tiles/o/arcgis"),
  ],
  [
    ENTERPRISE,
    "https://gis.city.gov/server/rest/services/A/MapServer",
    server("https://gis.city.gov/server"),
  ],
  [LOCAL, "http://localhost:4300/arcgis/rest/servicesX", other],
  [LOCAL, "http://localhost:4300/arcgis/rest/info", other],
  [LOCAL, "http://localhost:4300/arcgis/x?path=/rest/services/", other],
  [LOCAL, "http://localhost:4300/arcgis/x#/rest/services/", other],
  [LOCAL, "http://localhost:4300/arcgis%2Frest%2Fservices/x", other],
  [LOCAL, "http://u:p@localhost:4300/arcgis/rest/services/x", other],
  [LOCAL, "ftp://localhost:4300/arcgis/rest/services/x", other],
];

describe("classifyUrl", () => {
  it.each(cases)("portal %s: %s", (portalUrl, url, expected) => {
    expect(classifyUrl(url, portalUrl)).toEqual(expected);
    // A precomputed location gives the same answer as the string.
    expect(classifyUrl(url, locatePortal(portalUrl))).toEqual(expected);
  });

  it("classifies nothing as the portal when the portal URL itself is unusable", () => {
    expect(classifyUrl("http://localhost:4100/sharing/rest", "not a url")).toEqual(other);
    expect(
      classifyUrl("http://localhost:4100/sharing/rest", "http://u:p@localhost:4100/sharing/rest"),
    ).toEqual(other);
    expect(classifyUrl("http://localhost:4200/arcgis/rest/services/x", null)).toEqual(
      server("http://localhost:4200/arcgis"),
    );
  });

  it("never throws on values that are not strings", () => {
    for (const value of [undefined, null, 42, {}, []]) {
      expect(classifyUrl(value as unknown as string, LOCAL)).toEqual(other);
    }
  });
});

describe("locatePortal", () => {
  it("finds the origin, the path root before /sharing and the ArcGIS Online environment", () => {
    expect(locatePortal(LOCAL)).toEqual({
      origin: "http://localhost:4100",
      host: "localhost:4100",
      root: "",
      environment: null,
    });
    expect(locatePortal(`${ENTERPRISE}/`)).toMatchObject({
      origin: "https://gis.city.gov",
      root: "/portal",
      environment: null,
    });
    expect(locatePortal(AGOL)).toMatchObject({ root: "", environment: "production" });
    expect(locatePortal(ORG)).toMatchObject({ environment: "production" });
    expect(locatePortal("https://dev.arcgis.com/sharing/rest")).toMatchObject({ environment: "dev" });
    expect(locatePortal("https://o.mapsqaext.arcgis.com/sharing/rest")).toMatchObject({ environment: "qa" });
    // A path before /sharing is an Enterprise-style install, never ArcGIS Online.
    expect(locatePortal("https://www.arcgis.com/x/sharing/rest")).toMatchObject({
      root: "/x",
      environment: null,
    });
    expect(locatePortal("https://evil.arcgis.com.evil.com/sharing/rest")).toMatchObject({
      environment: null,
    });
    expect(locatePortal("javascript:alert(1)")).toBeNull();
  });
});

describe("the server root of a server URL", () => {
  it("cuts before the services path; anything else is other", () => {
    expect(classifyUrl("http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0", null)).toEqual({
      kind: "server",
      root: "http://localhost:4200/arcgis",
    });
    expect(classifyUrl("HTTPS://GIS.City.gov:443/Server/rest/admin/services", null)).toEqual({
      kind: "server",
      root: "https://gis.city.gov/Server",
    });
    expect(classifyUrl("http://localhost:4200/arcgis/rest/info", null)).toEqual({ kind: "other" });
    expect(classifyUrl("http://a@localhost:4200/arcgis/rest/services", null)).toEqual({ kind: "other" });
    expect(classifyUrl("::", null)).toEqual({ kind: "other" });
  });
});
