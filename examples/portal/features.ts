/**
 * The data of the local servers: four small feature layers that look like real ones
 * (attributes + geometry). Generated deterministically so every run serves the same features.
 */

/** An ArcGIS field description. */
export interface Field {
  readonly name: string;
  readonly type:
    | "esriFieldTypeOID"
    | "esriFieldTypeString"
    | "esriFieldTypeDouble"
    | "esriFieldTypeInteger"
    | "esriFieldTypeDate";
  readonly alias: string;
}

/** Point or polygon geometry in the layer's spatial reference. */
export type Geometry = { readonly x: number; readonly y: number } | { readonly rings: number[][][] };

/** One feature. */
export interface Feature {
  readonly attributes: Readonly<Record<string, string | number>>;
  readonly geometry: Geometry;
}

/** A layer `FeatureServer/0` of one service. */
export interface FeatureLayer {
  readonly name: string;
  readonly geometryType: "esriGeometryPoint" | "esriGeometryPolygon";
  readonly wkid: 4326 | 102100;
  readonly fields: readonly Field[];
  readonly features: readonly Feature[];
}

const oid: Field = { name: "OBJECTID", type: "esriFieldTypeOID", alias: "OBJECTID" };
const text = (name: string, alias: string): Field => ({ name, type: "esriFieldTypeString", alias });
const double = (name: string, alias: string): Field => ({ name, type: "esriFieldTypeDouble", alias });
const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** Redlands, California: the centre the generated features are spread around. */
const CENTER = { lon: -117.1825, lat: 34.0556 };
const DAY_MS = 86_400_000;

const species = [
  ["Quercus agrifolia", "Coast live oak"],
  ["Platanus racemosa", "California sycamore"],
  ["Jacaranda mimosifolia", "Jacaranda"],
  ["Pinus canariensis", "Canary Island pine"],
  ["Citrus sinensis", "Sweet orange"],
  ["Washingtonia robusta", "Mexican fan palm"],
] as const;
const conditions = ["Good", "Fair", "Good", "Excellent", "Poor"] as const;
const streets = ["Orange St", "Cajon St", "Citrus Ave", "Olive Ave", "Brookside Ave", "State St"] as const;

function trees(): Feature[] {
  return Array.from({ length: 36 }, (_, i) => {
    const [scientific, common] = species[i % species.length] ?? species[0];
    return {
      attributes: {
        OBJECTID: i + 1,
        species: scientific,
        common_name: common,
        height_m: round(4 + ((i * 37) % 190) / 10, 1),
        condition: conditions[i % conditions.length] ?? "Good",
        address: `${100 + i * 12} ${streets[i % streets.length]}`,
        planted: Date.UTC(1990, 0, 1) + ((i * 389) % 12_000) * DAY_MS,
      },
      geometry: {
        x: round(CENTER.lon + ((i % 6) - 2.5) * 0.004, 6),
        y: round(CENTER.lat + (Math.floor(i / 6) - 2.5) * 0.003, 6),
      },
    };
  });
}

const facilityKinds = [
  "Water pump station",
  "Electrical substation",
  "Reservoir",
  "Emergency operations",
] as const;

function restrictedFacilities(): Feature[] {
  return Array.from({ length: 12 }, (_, i) => ({
    attributes: {
      OBJECTID: i + 1,
      facility: `${facilityKinds[i % facilityKinds.length]} ${Math.floor(i / facilityKinds.length) + 1}`,
      kind: facilityKinds[i % facilityKinds.length] ?? "Reservoir",
      security_level: 1 + (i % 3),
    },
    geometry: {
      x: round(CENTER.lon + (i - 6) * 0.011, 6),
      y: round(CENTER.lat + (((i * 7) % 5) - 2) * 0.009, 6),
    },
  }));
}

/** WGS84 longitude/latitude to Web Mercator (102100) metres. */
export function toWebMercator(lon: number, lat: number): [number, number] {
  const x = (lon * 20_037_508.34) / 180;
  const y = (Math.log(Math.tan(((90 + lat) * Math.PI) / 360)) * 20_037_508.34) / Math.PI;
  return [round(x, 2), round(y, 2)];
}

const landUses = [
  "Residential",
  "Commercial",
  "Residential",
  "Agricultural",
  "Public",
  "Industrial",
] as const;
const owners = [
  "Garcia Family Trust",
  "Redlands Unified",
  "M. Chen",
  "Orange Grove LLC",
  "City of Redlands",
  "P. Okafor",
];

function parcels(): Feature[] {
  const size = 0.0012;
  return Array.from({ length: 30 }, (_, i) => {
    const lon = CENTER.lon + (i % 6) * size * 1.1;
    const lat = CENTER.lat - Math.floor(i / 6) * size * 1.1;
    const ring = [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat - size],
      [lon, lat - size],
      [lon, lat],
    ].map(([x, y]) => toWebMercator(x ?? 0, y ?? 0));
    return {
      attributes: {
        OBJECTID: i + 1,
        apn: `0171-${String(231 + i).padStart(3, "0")}-${String((i * 7) % 100).padStart(2, "0")}`,
        owner: owners[i % owners.length] ?? "Unknown",
        land_use: landUses[i % landUses.length] ?? "Residential",
        area_sqm: round(size * size * 111_320 * 92_300, 0),
        assessed_usd: 250_000 + ((i * 48_611) % 900_000),
      },
      geometry: { rings: [ring] },
    };
  });
}

const landmarkList: ReadonlyArray<readonly [string, string, number, number]> = [
  ["A.K. Smiley Public Library", "Library", -117.1806, 34.0546],
  ["Redlands Bowl", "Amphitheater", -117.1797, 34.0538],
  ["Lincoln Memorial Shrine", "Museum", -117.1802, 34.0541],
  ["Kimberly Crest House and Gardens", "Historic house", -117.1718, 34.0414],
  ["University of Redlands", "University", -117.1636, 34.0631],
  ["San Bernardino County Museum", "Museum", -117.2108, 34.0642],
  ["Prospect Park", "Park", -117.1726, 34.0452],
  ["Sylvan Park", "Park", -117.1657, 34.0628],
  ["Redlands Santa Fe Depot", "Historic station", -117.1828, 34.0593],
  ["Asistencia Mission", "Historic site", -117.2249, 34.0533],
  ["Caroline Park", "Park", -117.1534, 34.0378],
  ["Ford Park", "Park", -117.1496, 34.0485],
  ["Redlands Municipal Airport", "Airport", -117.1464, 34.0853],
  ["Smiley Heights", "Viewpoint", -117.1741, 34.0368],
  ["Redlands Community Hospital", "Hospital", -117.2016, 34.0368],
  ["Brookside Park", "Park", -117.1956, 34.0504],
  ["Historic Downtown Redlands", "District", -117.1836, 34.0565],
  ["Redlands Farmers Market", "Market", -117.1834, 34.0575],
  ["Hangar 24 Brewery", "Brewery", -117.1487, 34.0858],
  ["Crafton Hills", "Natural area", -117.1022, 34.0478],
];

function landmarks(): Feature[] {
  return landmarkList.map(([name, category, lon, lat], i) => ({
    attributes: { OBJECTID: i + 1, name, category, visitors_per_year: 5_000 + ((i * 7_919) % 250_000) },
    geometry: { x: lon, y: lat },
  }));
}

/** Every layer by service name; `FeatureServer/0` of that service serves it. */
export const LAYERS: Readonly<Record<"Trees" | "Restricted" | "Parcels" | "Landmarks", FeatureLayer>> = {
  Trees: {
    name: "Street trees",
    geometryType: "esriGeometryPoint",
    wkid: 4326,
    fields: [
      oid,
      text("species", "Species"),
      text("common_name", "Common name"),
      double("height_m", "Height (m)"),
      text("condition", "Condition"),
      text("address", "Address"),
      { name: "planted", type: "esriFieldTypeDate", alias: "Planted" },
    ],
    features: trees(),
  },
  Restricted: {
    name: "Critical facilities",
    geometryType: "esriGeometryPoint",
    wkid: 4326,
    fields: [
      oid,
      text("facility", "Facility"),
      text("kind", "Kind"),
      { name: "security_level", type: "esriFieldTypeInteger", alias: "Security level" },
    ],
    features: restrictedFacilities(),
  },
  Parcels: {
    name: "Parcels",
    geometryType: "esriGeometryPolygon",
    wkid: 102100,
    fields: [
      oid,
      text("apn", "APN"),
      text("owner", "Owner"),
      text("land_use", "Land use"),
      double("area_sqm", "Area (m²)"),
      double("assessed_usd", "Assessed value (USD)"),
    ],
    features: parcels(),
  },
  Landmarks: {
    name: "Landmarks",
    geometryType: "esriGeometryPoint",
    wkid: 4326,
    fields: [
      oid,
      text("name", "Name"),
      text("category", "Category"),
      { name: "visitors_per_year", type: "esriFieldTypeInteger", alias: "Visitors per year" },
    ],
    features: landmarks(),
  },
};
