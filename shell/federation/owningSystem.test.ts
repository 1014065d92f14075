/** Table tests of the trust policy: which `owningSystemUrl` answers name this portal. */
import { describe, expect, it } from "vitest";
import { locatePortal } from "./classifyUrl.ts";
import { isOwnedByPortal } from "./owningSystem.ts";

const LOCAL = "http://localhost:4100/sharing/rest";
const ENTERPRISE = "https://gis.city.gov/portal/sharing/rest";
const AGOL = "https://www.arcgis.com/sharing/rest";
const ORG = "https://myorg.maps.arcgis.com/sharing/rest";
const DEV_ORG = "https://myorg.mapsdevext.arcgis.com/sharing/rest";
const QA_ORG = "https://myorg.mapsqa.arcgis.com/sharing/rest";

const cases: [portal: string, owningSystemUrl: unknown, owned: boolean][] = [
  [LOCAL, "http://localhost:4100", true],
  [LOCAL, "http://localhost:4100/", true],
  [LOCAL, " HTTP://LOCALHOST:4100 ", true],
  // rest-js ignores the scheme (its tests allow http/https mismatches); so do we.
  [LOCAL, "https://localhost:4100", true],
  [LOCAL, "http://localhost:4101", false],
  [LOCAL, "http://localhost", false],
  [LOCAL, "http://127.0.0.1:4100", false],
  [LOCAL, "localhost:4100", false],
  [LOCAL, "http://localhost:4100.evil.com", false],
  [LOCAL, "http://localhost:4100@evil.com", false],
  [LOCAL, "http://evil.com/http://localhost:4100", false],
  [LOCAL, "http://localhost:4100/portal", false],
  [LOCAL, "http://localhost:4100/?x=1", false],
  [LOCAL, "http://localhost:4100/#x", false],
  [LOCAL, "ftp://localhost:4100", false],
  // rest-js turns the answer into a regex and searches the portal URL with it; these would pass there.
  [LOCAL, ".", false],
  [LOCAL, "localhost", false],
  [LOCAL, "http://.*", false],
  [LOCAL, "", false],
  [LOCAL, null, false],
  [LOCAL, 42, false],
  [LOCAL, { href: "http://localhost:4100" }, false],
  [ENTERPRISE, "https://gis.city.gov/portal", true],
  [ENTERPRISE, "https://GIS.City.gov/Portal/", true],
  [ENTERPRISE, "http://gis.city.gov/portal", true],
  [ENTERPRISE, "https://gis.city.gov", false],
  [ENTERPRISE, "https://gis.city.gov/portalX", false],
  [ENTERPRISE, "https://gis.city.gov/portal/sharing/rest", false],
  [ENTERPRISE, "https://www.arcgis.com", false],
  [AGOL, "https://www.arcgis.com", true],
  [AGOL, "http://www.arcgis.com", true],
  [AGOL, "https://www.arcgis.com/", true],
  [AGOL, "https://arcgis.com", false],
  [AGOL, "https://devext.arcgis.com", false],
  [AGOL, "https://www.arcgis.com.evil.com", false],
  [AGOL, "https://myorg.maps.arcgis.com", false],
  [ORG, "https://www.arcgis.com", true],
  // The portal's own origin: rest-js compares with www.arcgis.com only and would refuse this.
  [ORG, "https://myorg.maps.arcgis.com", true],
  [ORG, "https://otherorg.maps.arcgis.com", false],
  [ORG, "https://qaext.arcgis.com", false],
  [DEV_ORG, "https://devext.arcgis.com", true],
  [DEV_ORG, "http://devext.arcgis.com", true],
  [DEV_ORG, "https://www.arcgis.com", false],
  ["https://devext.arcgis.com/sharing/rest", "https://devext.arcgis.com", true],
  [QA_ORG, "https://qaext.arcgis.com", true],
  [QA_ORG, "https://www.arcgis.com", false],
  ["https://qaext.arcgis.com/sharing/rest", "https://qaext.arcgis.com", true],
];

describe("isOwnedByPortal", () => {
  it.each(cases)("portal %s, owningSystemUrl %j → %s", (portal, owningSystemUrl, owned) => {
    const location = locatePortal(portal);
    if (!location) throw new Error(`test portal ${portal} does not parse`);
    expect(isOwnedByPortal(owningSystemUrl, location)).toBe(owned);
  });
});
