import { describe, expect, it } from "vitest";
import {
  ASK_WINDOW_MS,
  createAskPolicy,
  ERRORS_PER_WINDOW,
  REPEATS_PER_WINDOW,
  REPORTS_PER_WINDOW,
} from "./askPolicy.ts";

const ORIGIN = "http://127.0.0.1:5174";

function setup() {
  const clock = { now: 1_000_000 };
  const policy = createAskPolicy(() => clock.now);
  const frame = {};
  /** One ask of `frame` with the shell holding `current`; its answer goes out at once. */
  const ask = (current: string | null, answer?: string) => {
    const decision = policy.decide(frame, ORIGIN, current);
    if (decision.kind !== "join") policy.answered(frame, ORIGIN, answer);
    return decision;
  };
  return { clock, policy, frame, ask };
}

describe("createAskPolicy", () => {
  it("sends the current credential on a first ask, and on an ask from a frame holding an older token", () => {
    const { ask } = setup();
    expect(ask("t1", "t1")).toEqual({ kind: "send" });
    expect(ask("t2", "t2")).toEqual({ kind: "send" });
    expect(ask(null, "t3")).toEqual({ kind: "send" });
  });

  it("takes a repeat from a frame holding the current token as a report that the token failed", () => {
    const { ask } = setup();
    ask("t1", "t1");
    expect(ask("t1", "t2")).toEqual({ kind: "report", token: "t1" });
    expect(ask("t2", "t3")).toEqual({ kind: "report", token: "t2" });
  });

  it("lets a repeat while an answer is pending join that answer", () => {
    const { policy, frame } = setup();
    expect(policy.decide(frame, ORIGIN, "t1")).toEqual({ kind: "send" });
    expect(policy.decide(frame, ORIGIN, "t1")).toEqual({ kind: "join" });
    policy.answered(frame, ORIGIN, "t1");
    expect(policy.decide(frame, ORIGIN, "t1")).toEqual({ kind: "report", token: "t1" });
  });

  it(`allows ${REPORTS_PER_WINDOW} reports per window, then ${ERRORS_PER_WINDOW} refusals at once, then spaced ones`, () => {
    const { ask, clock } = setup();
    let token = 0;
    ask(`t${token}`, `t${token}`);
    for (let i = 0; i < REPORTS_PER_WINDOW; i++) {
      expect(ask(`t${token}`, `t${token + 1}`).kind).toBe("report");
      token++;
    }
    const start = clock.now;
    for (let i = 0; i < ERRORS_PER_WINDOW; i++) {
      clock.now += 10;
      expect(ask(`t${token}`)).toEqual({ kind: "refuse", at: clock.now });
    }
    clock.now += 10;
    // The next refusal waits until the first one has left the window.
    expect(ask(`t${token}`)).toEqual({ kind: "refuse", at: start + 10 + ASK_WINDOW_MS });
  });

  it("never answers more than the bounds in any window, however fast the frame asks", () => {
    const { policy, frame, clock } = setup();
    const answers: { at: number; kind: string }[] = [];
    let token = 1;
    policy.decide(frame, ORIGIN, "t1");
    policy.answered(frame, ORIGIN, "t1");
    for (let i = 0; i < 500; i++) {
      clock.now += 7;
      const decision = policy.decide(frame, ORIGIN, `t${token}`);
      if (decision.kind === "refuse") {
        clock.now = Math.max(clock.now, decision.at); // the host answers at `at`
        policy.answered(frame, ORIGIN);
      } else {
        if (decision.kind === "report") token++;
        policy.answered(frame, ORIGIN, `t${token}`);
      }
      answers.push({ at: clock.now, kind: decision.kind });
    }
    for (const { at } of answers) {
      const inWindow = answers.filter((a) => a.at > at - ASK_WINDOW_MS && a.at <= at);
      expect(inWindow.filter((a) => a.kind === "report").length).toBeLessThanOrEqual(REPORTS_PER_WINDOW);
      expect(inWindow.filter((a) => a.kind === "refuse").length).toBeLessThanOrEqual(ERRORS_PER_WINDOW);
    }
    expect(answers.some((a) => a.kind === "refuse")).toBe(true);
  });

  it("reopens room for reports once the window has passed", () => {
    const { ask, clock } = setup();
    ask("t1", "t1");
    ask("t1", "t2");
    ask("t2", "t3");
    expect(ask("t3").kind).toBe("refuse");
    clock.now += ASK_WINDOW_MS + 1;
    expect(ask("t3", "t4")).toEqual({ kind: "report", token: "t3" });
  });

  it("starts afresh when the frame shows another origin (it navigated), and ignores the old app's answer", () => {
    const { policy, frame } = setup();
    policy.decide(frame, ORIGIN, "t1");
    expect(policy.decide(frame, "https://maps.example.com", "t1")).toEqual({ kind: "send" });
    policy.answered(frame, ORIGIN, "t1"); // the old app's answer: the new one still waits for its own
    expect(policy.decide(frame, "https://maps.example.com", "t1")).toEqual({ kind: "join" });
  });

  it("keeps frames apart", () => {
    const { policy } = setup();
    const a = {};
    const b = {};
    policy.decide(a, ORIGIN, "t1");
    policy.answered(a, ORIGIN, "t1");
    expect(policy.decide(b, ORIGIN, "t1")).toEqual({ kind: "send" });
    expect(policy.decide(a, ORIGIN, "t1")).toEqual({ kind: "report", token: "t1" });
  });

  it(`counts a repeat the shell answered with the same token apart: ${REPEATS_PER_WINDOW} per window`, () => {
    const { ask, clock } = setup();
    ask("t1", "t1");
    for (let i = 0; i < REPEATS_PER_WINDOW; i++) {
      clock.now += 100;
      expect(ask("t1", "t1")).toEqual({ kind: "report", token: "t1" }); // a reload: still good
    }
    // Reports of real failures still have their room, and the repeats' bound holds.
    expect(ask("t1")).toEqual({ kind: "refuse", at: clock.now });
    clock.now += ASK_WINDOW_MS;
    expect(ask("t1", "t2")).toEqual({ kind: "report", token: "t1" });
    expect(ask("t2", "t3")).toEqual({ kind: "report", token: "t2" });
    expect(ask("t3").kind).toBe("refuse");
  });
});
