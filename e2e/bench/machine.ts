/** The machine line printed with the table (README's Performance section shows it). */
import os from "node:os";

/**
 * CPU model, cores, OS, Node, the Chromium version the runtime figures came from, and the load
 * average when the table was printed (other work on the machine slows the runtime figures).
 */
export function describeMachine(chromiumVersion: string | null): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const chromium = chromiumVersion ? `headless Chromium ${chromiumVersion}` : "no browser run";
  const load = os.loadavg()[0]?.toFixed(2) ?? "?";
  return `${cpu}, ${os.cpus().length} cores, ${os.type()} ${os.release()}, Node ${process.version}, ${chromium}, load average ${load}`;
}
