/**
 * The bench's one table (issue 7): every figure of SPEC §7 with its budget, the peers' figures
 * measured in the same run beside it, and the rows not measured yet. Pure: rendering only.
 */

/** One line of the table. `value: null` means "not measured yet" (the note says why). */
export interface Row {
  /** The SPEC §7 figure (or growth series) this row belongs to. */
  section: string;
  /** What was measured, e.g. "ours: SDK (sdk/index.ts)" or "peer: penpal connect + WindowMessenger". */
  name: string;
  value: number | null;
  unit: "B" | "µs" | "ms" | "sign-ins" | "calls" | "calls/s";
  /** Upper bound from SPEC §7; only our own figures carry one. */
  budget?: number;
  note?: string;
}

/** Whether a row has a budget and breaks it. */
export function breaksBudget(row: Row): boolean {
  return row.budget !== undefined && row.value !== null && row.value > row.budget;
}

function formatNumber(value: number, unit: Row["unit"]): string {
  const digits = unit === "µs" || unit === "ms" ? (value < 10 ? 2 : value < 100 ? 1 : 0) : 0;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function cells(row: Row): string[] {
  const value = row.value === null ? "not measured yet" : `${formatNumber(row.value, row.unit)} ${row.unit}`;
  const budget = row.budget === undefined ? "" : `≤ ${row.budget.toLocaleString("en-US")} ${row.unit}`;
  const verdict = row.budget === undefined || row.value === null ? "" : breaksBudget(row) ? "OVER" : "ok";
  return [row.section, row.name, value, budget, verdict, row.note ?? ""];
}

const HEADER = ["figure", "measured", "value", "budget", "verdict", "note"];

/** Plain-text table for the terminal, columns padded to width. */
export function renderText(rows: Row[]): string {
  const lines = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...lines.map((line) => (line[i] ?? "").length)));
  return lines
    .map((line) =>
      line
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** GitHub Markdown table, repeated section names left blank for readability. */
export function renderMarkdown(rows: Row[]): string {
  const escapePipes = (cell: string) => cell.replaceAll("|", "\\|");
  const body = rows.map((row, i) => {
    const line = cells(row);
    if (i > 0 && rows[i - 1]?.section === row.section) line[0] = "";
    return `| ${line.map(escapePipes).join(" | ")} |`;
  });
  return [`| ${HEADER.join(" | ")} |`, `|${HEADER.map(() => "---").join("|")}|`, ...body].join("\n");
}
