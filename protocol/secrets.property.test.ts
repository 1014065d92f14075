/** Properties of the scrubbing of messages that are not ours: no secret survives, whatever surrounds it. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scrubSecrets } from "./secrets.ts";

/** Secrets as the portal and the shell make them: base64url and JWT-like runs of at least 16 characters. */
const secret = fc.stringMatching(/^[A-Za-z0-9_\-.~+/=]{16,200}$/);
/** Text around a secret: anything, including text made of the same characters. */
const around = fc.string({ maxLength: 120, unit: "binary" });

describe("scrubSecrets", () => {
  it("leaves no secret in the text, however it is embedded", () => {
    fc.assert(
      fc.property(
        around,
        secret,
        around,
        fc.constantFrom("", " ", "=", ": ", "token=", "(", "\n"),
        (a, s, b, sep) => {
          const scrubbed = scrubSecrets(`${a}${sep}${s} ${b}`);
          expect(scrubbed).not.toContain(s);
        },
      ),
    );
  });

  it("keeps ordinary words and is bounded", () => {
    expect(scrubSecrets("Failed to fetch")).toBe("Failed to fetch");
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        expect(scrubSecrets(text).length).toBeLessThanOrEqual(300);
      }),
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        expect(scrubSecrets(scrubSecrets(text))).toBe(scrubSecrets(text));
      }),
    );
  });
});
