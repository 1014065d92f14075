import { describe, expect, it } from "vitest";
import { AccessDeniedError, SignInError } from "../../protocol/errors.ts";
import { recordFromAnswer } from "./answer.ts";
import type { TokenEndpoint } from "./tokenEndpoint.ts";

const portal = "http://localhost:4100/sharing/rest";
const exchanged = { session: { token: "AT", expires: 1, username: "jsmith", ssl: false, portal } };
const tokens = {
  exchangeCode: async (code: string, verifier: string) => ({ ...exchanged, code, verifier }),
} as unknown as TokenEndpoint;

describe("recordFromAnswer", () => {
  it("turns an implicit token into a session", async () => {
    const result = { kind: "token" as const, token: "T", expires: 5, username: "c@sey", ssl: true };
    expect(await recordFromAnswer(result, { flow: "implicit", portal, tokens })).toEqual({
      session: { token: "T", expires: 5, username: "c@sey", ssl: true, portal },
    });
  });

  it("exchanges a code with the sign-in's verifier", async () => {
    const record = await recordFromAnswer(
      { kind: "code", code: "C" },
      { flow: "pkce", verifier: "V", portal, tokens },
    );
    expect(record).toMatchObject({ code: "C", verifier: "V" });
  });

  it("maps access_denied to AccessDeniedError and other errors to SignInError", async () => {
    const context = { flow: "pkce" as const, verifier: "V", portal, tokens };
    await expect(
      recordFromAnswer({ kind: "error", error: "access_denied", description: "denied" }, context),
    ).rejects.toBeInstanceOf(AccessDeniedError);
    const error = await recordFromAnswer(
      { kind: "error", error: "Invalid_Signin", description: "" },
      context,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    expect((error as Error).message).toContain("Invalid_Signin");
  });

  it("refuses an answer of the wrong kind for the flow", async () => {
    const token = { kind: "token" as const, token: "T", expires: 5, username: "u", ssl: false };
    await expect(
      recordFromAnswer(token, { flow: "pkce", verifier: "V", portal, tokens }),
    ).rejects.toBeInstanceOf(SignInError);
    await expect(
      recordFromAnswer({ kind: "code", code: "C" }, { flow: "implicit", portal, tokens }),
    ).rejects.toBeInstanceOf(SignInError);
  });
});
