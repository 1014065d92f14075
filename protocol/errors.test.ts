import { describe, expect, expectTypeOf, it } from "vitest";
import * as errors from "./errors.ts";
import {
  AccessDeniedError,
  type AuthErrorCode,
  AuthShellError,
  InvalidOptionsError,
  PopupBlockedError,
  PortalError,
} from "./errors.ts";
import { fromWireError, toWireError } from "./wireError.ts";

type Kind = new (message?: string) => AuthShellError;
/** Every exported kind that reaches apps, rebuilt from its code alone (all but the two with extra arguments). */
const SENT = (Object.values(errors) as unknown[]).filter(
  (value): value is Kind =>
    typeof value === "function" &&
    value.prototype instanceof AuthShellError &&
    value !== PortalError &&
    value !== InvalidOptionsError,
);

/** What arrives on the other side of a port for `thrown`. */
const acrossAPort = (thrown: unknown) => fromWireError(structuredClone(toWireError(thrown)));

describe("typed errors", () => {
  it("are one class per code, each typed as itself with its literal code", () => {
    expect(SENT).toHaveLength(9);
    const codes: string[] = [...SENT.map((Kind) => new Kind().code), new PortalError().code];
    codes.push(new InvalidOptionsError("x").code);
    expect(new Set(codes).size).toBe(codes.length);
    expectTypeOf(new PopupBlockedError().code).toEqualTypeOf<"popup-blocked">();
    expectTypeOf(new InvalidOptionsError("x").code).toEqualTypeOf<"invalid-options">();
    expectTypeOf(new PortalError().code).toEqualTypeOf<"portal-error">();
    expectTypeOf<AuthShellError["code"]>().toEqualTypeOf<AuthErrorCode>();
    const popup: PopupBlockedError = new PopupBlockedError();
    expect(popup).toBeInstanceOf(AuthShellError);
    expect(popup.name).toBe("PopupBlockedError");
  });

  it("keep their class across a port, with the kind's fixed message", () => {
    for (const Kind of SENT) {
      const arrived = acrossAPort(new Kind("Raised with token=abc and more text"));
      expect(arrived).toBeInstanceOf(Kind);
      expect(arrived).toEqual(new Kind());
      expect(arrived.message).toBe(new Kind().message);
    }
    const portal = acrossAPort(new PortalError("the portal's own text", 498, "GWM_0003"));
    expect(portal).toEqual(new PortalError(undefined, 498, "GWM_0003"));
    expect(portal).toMatchObject({ arcgisCode: 498, messageCode: "GWM_0003" });
  });
});

describe("an error that is not ours", () => {
  const secret = "Aq3.x_Z-9fake0token0value0for0tests";

  it("keeps its name and gets a scrubbed message instead of becoming sign-in-failed", () => {
    const arrived = acrossAPort(new TypeError(`Cannot read properties of undefined (token ${secret})`));
    expect(arrived).not.toBeInstanceOf(AuthShellError);
    expect(arrived).not.toHaveProperty("code");
    expect(arrived.name).toBe("TypeError");
    expect(arrived.message).toBe("Cannot read properties of undefined (token …)");
  });

  it("on the wire carries its name and the scrubbed message only", () => {
    const error = new RangeError(`code_verifier=${secret}`);
    const wire = toWireError(error);
    expect(wire).toMatchObject({ name: "RangeError", code: undefined, message: "…" });
    expect(JSON.stringify(wire)).not.toContain(secret);
  });

  it("arriving over a port with an unknown name keeps that name, its message scrubbed", () => {
    const arrived = fromWireError({ name: "NotReadableError", message: `refresh_token ${secret} is gone` });
    expect(arrived.name).toBe("NotReadableError");
    expect(arrived.message).toBe("refresh_token … is gone");
    // An unknown code is not ours either.
    const odd = fromWireError({ name: "X", code: "no-such-code" as AuthErrorCode, message: "m" });
    expect(odd).not.toBeInstanceOf(AuthShellError);
    expect(odd.name).toBe("X");
  });

  it("with a name that is not a short identifier is named Error", () => {
    for (const name of ["", "has space", "<img src=x>", "x".repeat(65), secret]) {
      expect(fromWireError({ name, message: "m" }).name, name).toBe("Error");
    }
  });

  it("thrown as a non-Error value becomes an Error with an empty message", () => {
    for (const thrown of [undefined, null, "a string", 42, { message: 7 }]) {
      expect(acrossAPort(thrown), String(thrown)).toMatchObject({ name: "Error", message: "" });
    }
  });

  it("that merely looks like ours (a code of ours on a foreign error) is not taken for ours", () => {
    const lookalike = Object.assign(new Error("m"), { code: "access-denied" });
    expect(acrossAPort(lookalike)).not.toBeInstanceOf(AccessDeniedError);
  });
});
