import { X509Certificate } from "node:crypto";
import { createSecureContext } from "node:tls";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLocalhostCertificate } from "./tls-certificate.ts";

/** The serial as OpenSSL prints it: upper-case hex without leading zero bytes. */
function expectedSerial(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes)
    .toString("hex")
    .toUpperCase()
    .replace(/^(00)+/, "");
  return hex === "" ? "00" : hex;
}

describe("createLocalhostCertificate", () => {
  it("makes a certificate OpenSSL loads for any serial, leading zero bytes and a high first bit included", () => {
    const serials = fc
      .uint8Array({ minLength: 1, maxLength: 20 })
      .filter((bytes) => bytes.some((b) => b !== 0));
    const leadingZeros = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.uint8Array({ minLength: 1, maxLength: 16 }))
      .map(([zeros, rest]) => Uint8Array.from([...new Array<number>(zeros).fill(0), 1, ...rest]));
    fc.assert(
      fc.property(fc.oneof(serials, leadingZeros), (serial) => {
        const tls = createLocalhostCertificate(new Date(), serial);
        expect(() => createSecureContext({ key: tls.key, cert: tls.cert })).not.toThrow();
        expect(new X509Certificate(tls.cert).serialNumber).toBe(expectedSerial(serial));
      }),
      { numRuns: 200 },
    );
  });

  it("loads every time with its own random serial", () => {
    for (let round = 0; round < 600; round++) {
      const tls = createLocalhostCertificate();
      expect(() => createSecureContext({ key: tls.key, cert: tls.cert })).not.toThrow();
    }
  });
});
