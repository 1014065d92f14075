/**
 * The local servers are real GeoServices servers for an unmodified ArcGIS Maps SDK: a
 * FeatureLayer queries them in pbf, counts and draws in a MapView, and an SDK page holding only
 * the portal token federates by itself (rest/info, then generateToken over https).
 */
import { readFileSync } from "node:fs";
import { PORTAL, portalLog, resetPortal } from "./support/portal.ts";
import { expect, type Page, type Request, test } from "./support/test.ts";

const PAGE = "http://localhost:5173/e2e/fixtures/geoservices-page.html";
const TREES = "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer";
const trees = JSON.parse(readFileSync("examples/portal/data/trees.geojson", "utf8")) as {
  features: Array<{ properties: { common_name: string } }>;
};

test.beforeEach(() => resetPortal());

/** Signs in with the portal's form (implicit flow) and returns the portal token. */
async function portalToken(username = "jsmith"): Promise<{ token: string; expires: number }> {
  const response = await fetch(`${PORTAL}/oauth2/authorize`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({
      client_id: "arcgis-auth-shell-demo",
      response_type: "token",
      redirect_uri: "http://localhost:5173/callback.html",
      state: "state-geoservices",
      username,
      password: "arcgis123",
      action: "signin",
    }),
  });
  const answer = new URLSearchParams(new URL(response.headers.get("location") ?? "").hash.slice(1));
  const token = answer.get("access_token") ?? "";
  expect(token).not.toBe("");
  return { token, expires: Date.now() + Number(answer.get("expires_in")) * 1000 };
}

/** A federated server token made by the portal's generateToken. */
async function serverToken(portal: string): Promise<{ token: string; expires: number }> {
  const response = await fetch(`${PORTAL}/generateToken`, {
    method: "POST",
    body: new URLSearchParams({ token: portal, serverUrl: TREES, f: "json" }),
  });
  return (await response.json()) as { token: string; expires: number };
}

type LayerResult = {
  featureCount: number;
  queriedFeatures: number;
  firstAttributes: Record<string, unknown>;
  drawnFeatures: number;
};
type Registered = { server: string; token: string; userId: string; expires: number };

async function runLayer(page: Page, registered: Registered, url: string): Promise<LayerResult> {
  await page.goto(PAGE);
  await expect(page.locator("#status")).toHaveText("ready");
  return page.evaluate(
    ([registered, url]) =>
      (
        window as unknown as { geoservices: { run(r: Registered, u: string): Promise<LayerResult> } }
      ).geoservices.run(registered, url),
    [registered, url] as const,
  );
}

const isPbfQuery = (request: Request) =>
  request.url().startsWith(`${TREES}/0/query`) && new URL(request.url()).searchParams.get("f") === "pbf";

test("FeatureLayer queries (pbf), counts and draws the Trees layer with a server token", async ({ page }) => {
  const portal = await portalToken();
  const server = await serverToken(portal.token);
  const pbfAnswers: string[] = [];
  page.on("response", (response) => {
    if (isPbfQuery(response.request())) pbfAnswers.push(response.headers()["content-type"] ?? "");
  });
  const result = await runLayer(
    page,
    { server: TREES, token: server.token, userId: "jsmith", expires: server.expires },
    `${TREES}/0`,
  );
  expect(result.featureCount).toBe(trees.features.length);
  expect(result.queriedFeatures).toBe(trees.features.length);
  expect(trees.features.map((feature) => feature.properties.common_name)).toContain(
    result.firstAttributes.common_name,
  );
  expect(result.drawnFeatures).toBe(trees.features.length);
  expect(pbfAnswers.length).toBeGreaterThan(0);
  expect(new Set(pbfAnswers)).toEqual(new Set(["application/x-protobuf"]));
});

test("an SDK page holding only the portal token federates by itself, generateToken over https", async ({
  page,
}) => {
  const portal = await portalToken();
  const generateTokenUrls: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/sharing/rest/generateToken")) generateTokenUrls.push(request.url());
  });
  const result = await runLayer(
    page,
    { server: PORTAL, token: portal.token, userId: "jsmith", expires: portal.expires },
    `${TREES}/0`,
  );
  expect(result.queriedFeatures).toBe(trees.features.length);
  expect(result.drawnFeatures).toBe(trees.features.length);
  expect(generateTokenUrls.length).toBeGreaterThan(0);
  for (const url of generateTokenUrls) expect(url).toMatch(/^https:\/\/localhost:4100\//);
  const queries = (await portalLog()).filter(
    (entry) => entry.host === "localhost:4200" && entry.path.endsWith("/query"),
  );
  expect(queries.length).toBeGreaterThan(0);
  for (const entry of queries) {
    expect(entry.token).toBeTruthy();
    expect(entry.token).not.toBe(portal.token);
  }
});
