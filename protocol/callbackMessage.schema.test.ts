import { describe, expect, it } from "vitest";
import { parseCallbackMessage } from "./callbackMessage.schema.ts";
import { CALLBACK_MESSAGE_TYPE } from "./callbackMessage.ts";

const valid = {
  type: CALLBACK_MESSAGE_TYPE,
  version: 1,
  state: "s".repeat(32),
  result: { kind: "token", token: "tok", expires: 1_900_000_000_000, username: "c@sey", ssl: false },
};

describe("parseCallbackMessage", () => {
  it("accepts each result kind", () => {
    expect(parseCallbackMessage(valid)).toEqual(valid);
    const code = { ...valid, result: { kind: "code", code: "auth_code" } };
    expect(parseCallbackMessage(code)).toEqual(code);
    const error = { ...valid, result: { kind: "error", error: "access_denied", description: "" } };
    expect(parseCallbackMessage(error)).toEqual(error);
  });

  it("rejects wrong type, version, empty state, extra fields and oversized values", () => {
    expect(parseCallbackMessage({ ...valid, type: "other" })).toBeNull();
    expect(parseCallbackMessage({ ...valid, version: 2 })).toBeNull();
    expect(parseCallbackMessage({ ...valid, state: "" })).toBeNull();
    expect(parseCallbackMessage({ ...valid, extra: 1 })).toBeNull();
    expect(parseCallbackMessage({ ...valid, result: { ...valid.result, extra: 1 } })).toBeNull();
    expect(
      parseCallbackMessage({ ...valid, result: { ...valid.result, token: "x".repeat(20_000) } }),
    ).toBeNull();
    expect(parseCallbackMessage({ ...valid, result: { ...valid.result, expires: 1.5 } })).toBeNull();
    expect(parseCallbackMessage("not an object")).toBeNull();
    expect(parseCallbackMessage(null)).toBeNull();
  });
});
