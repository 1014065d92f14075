/**
 * The iframe end of the wire experiment (run.ts): times calls up to the page over each variant's
 * port, the variants in turn batch by batch so that they all see the same load of the machine.
 */
import { createAuthClient } from "../../../sdk/client.ts";
import { linkShell } from "../../../sdk/link.ts";
import { rawCall } from "../fixtures/probes.ts";

export type Variant =
  | "bare"
  | "wireUnread"
  | "wireCallRead"
  | "wireFlat"
  | "wire"
  | "comlink"
  | "guarded"
  | "guardedLink"
  | "guardedClient";

const parentOrigin = new URLSearchParams(location.search).get("parent") ?? "";

/**
 * Comlink's `getSession` call in its least code: an APPLY with a fresh id, the answer matched by
 * id; `read` false leaves the answer's data unread (the cost of reading it is then not paid).
 */
function plainCall(port: MessagePort, read: boolean): () => Promise<unknown> {
  let lastId = 0;
  const waiting = new Map<string, (value: unknown) => void>();
  port.addEventListener("message", (event) => {
    if (!read) return waiting.get("1")?.(undefined);
    const { data } = event;
    const settle = waiting.get(data.id);
    waiting.delete(data.id);
    settle?.(data.value);
  });
  port.start();
  return () =>
    new Promise((resolve) => {
      const id = read ? `${++lastId}` : "1";
      waiting.set(id, resolve);
      port.postMessage({ id, type: "APPLY", path: ["getSession"], argumentList: [] });
    });
}

/** Every variant's call, from its port. */
function callsOver(ports: Record<Variant, MessagePort>): Record<Variant, () => Promise<unknown>> {
  const link = linkShell(ports.guardedLink, 10_000);
  const client = createAuthClient(linkShell(ports.guardedClient, 10_000), "http://localhost:4100");
  return {
    bare: rawCall(ports.bare),
    wireUnread: plainCall(ports.wireUnread, false),
    wireCallRead: plainCall(ports.wireCallRead, false),
    wireFlat: plainCall(ports.wireFlat, true),
    wire: plainCall(ports.wire, true),
    comlink: plainCall(ports.comlink, true),
    guarded: plainCall(ports.guarded, true),
    guardedLink: () => link.call("getSession"),
    guardedClient: () => client.getSession(),
  };
}

/**
 * `rotations` times one batch of `perBatch` calls of each variant, the order turned and reversed
 * from one rotation to the next; returns each variant's µs per call, batch by batch.
 */
async function rotate(
  calls: Record<Variant, () => Promise<unknown>>,
  names: Variant[],
  rotations: number,
  perBatch: number,
): Promise<Record<string, number[]>> {
  const perCall: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) for (let i = 0; i < perBatch; i++) await calls[name](); // warm-up
  for (let rotation = 0; rotation < rotations; rotation++) {
    const turn = rotation % names.length;
    const order = [...names.slice(turn), ...names.slice(0, turn)];
    for (const name of rotation % 2 === 1 ? order.reverse() : order) {
      const started = performance.now();
      for (let i = 0; i < perBatch; i++) await calls[name]();
      perCall[name]?.push(((performance.now() - started) * 1000) / perBatch);
    }
  }
  return perCall;
}

window.addEventListener("message", (event) => {
  if (event.origin !== parentOrigin || event.source !== window.parent) return;
  if (event.data?.type !== "experiment/ports") return;
  const names = event.data.names as Variant[];
  const ports = Object.fromEntries(names.map((name, i) => [name, event.ports[i]])) as Record<
    Variant,
    MessagePort
  >;
  const calls = callsOver(ports);
  const bench = {
    names,
    rotate: (chosen: Variant[], rotations: number, perBatch: number) =>
      rotate(calls, chosen, rotations, perBatch),
  };
  Object.assign(window, { bench });
  document.getElementById("out")!.textContent = "ready";
});

/** What run.ts drives through `window.bench` in this frame. */
export type WireBench = {
  names: Variant[];
  rotate(chosen: Variant[], rotations: number, perBatch: number): Promise<Record<string, number[]>>;
};
