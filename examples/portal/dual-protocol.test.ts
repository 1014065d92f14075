import { X509Certificate } from "node:crypto";
import { request } from "node:https";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { implicitToken, startTestPortal, type TestPortal } from "./test-support.ts";
import { createLocalhostCertificate } from "./tls-certificate.ts";

/** http and https on each of the portal's ports, with a certificate made for localhost. */

const tls = createLocalhostCertificate();
let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal({ tls });
});
afterAll(() => portal.close());

/** An https request that trusts only `tls.cert` and checks the host name against it. */
function httpsRequest(
  url: string,
  options: { method?: string; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: options.method ?? "GET",
        ca: tls.cert,
        headers: options.body ? { "content-type": "application/x-www-form-urlencoded" } : {},
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

const https = (url: string) => url.replace("http:", "https:");

describe("one port, http and https", () => {
  it("answers a TLS request and a plain request on the same port alike", async () => {
    const url = `${portal.urls.portal}/info?f=json`;
    const overTls = await httpsRequest(https(url));
    const plain = await fetch(url);
    expect(overTls.status).toBe(200);
    expect(plain.status).toBe(200);
    expect(JSON.parse(overTls.body)).toEqual(await plain.json());
  });

  it("serves the federated server over https too", async () => {
    const answer = await httpsRequest(https(`${portal.urls.federated}/rest/info?f=json`));
    expect(JSON.parse(answer.body)).toMatchObject({ owningSystemUrl: portal.origin });
  });

  it("generates over https a server token that the federated server honours over http", async () => {
    const portalToken = await implicitToken(portal, "alee");
    const body = new URLSearchParams({ token: portalToken, serverUrl: portal.urls.federated, f: "json" });
    const generated = JSON.parse(
      (await httpsRequest(https(`${portal.urls.portal}/generateToken`), { method: "POST", body: `${body}` }))
        .body,
    ) as { token: string; ssl: boolean };
    expect(generated.ssl).toBe(false);
    const query = new URL(`${portal.urls.federated}/rest/services/Trees/FeatureServer/0/query`);
    for (const [key, value] of Object.entries({ where: "1=1", returnCountOnly: "true", f: "json" }))
      query.searchParams.set(key, value);
    query.searchParams.set("token", generated.token);
    expect(((await (await fetch(query)).json()) as { count: number }).count).toBeGreaterThan(0);
  });

  it("refuses a TLS client that does not trust the certificate", async () => {
    const untrusting = new Promise((resolve, reject) => {
      const outgoing = request(https(`${portal.urls.portal}/info?f=json`), () => resolve("answered"));
      outgoing.on("error", reject);
      outgoing.end();
    });
    await expect(untrusting).rejects.toMatchObject({ code: "DEPTH_ZERO_SELF_SIGNED_CERT" });
  });

  it("closes, also with a connection that never sent a byte", async () => {
    const other = await startTestPortal();
    const idle = connect(Number(new URL(other.urls.portal).port), "127.0.0.1");
    await new Promise((resolve) => idle.once("connect", resolve));
    const closed = new Promise((resolve) => idle.once("close", resolve));
    await other.close();
    await closed;
    expect(idle.destroyed).toBe(true);
  });
});

describe("the generated certificate", () => {
  it("names localhost and 127.0.0.1, signs itself and is valid now", () => {
    const certificate = new X509Certificate(tls.cert);
    expect(certificate.checkHost("localhost")).toBe("localhost");
    expect(certificate.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(certificate.checkHost("evil.example")).toBeUndefined();
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    const now = Date.now();
    expect(Date.parse(certificate.validFrom)).toBeLessThan(now);
    expect(Date.parse(certificate.validTo)).toBeGreaterThan(now);
    expect(portal.certificateFingerprint).toBe(certificate.fingerprint256);
  });
});
