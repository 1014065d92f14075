/**
 * The bench's one table: every budgeted figure with its budget, the floors and peers measured in
 * the same run beside it, and the rows not measured yet. Pure: rendering only (verdicts: row.ts).
 */
import { NOISE_MARGIN, type Row, verdictOf } from "./row.ts";

function formatNumber(value: number, unit: Row["unit"]): string {
  if (!Number.isFinite(value)) return String(value);
  const digits =
    unit === "×" ? 2 : unit === "µs" || unit === "ms" ? (value < 10 ? 2 : value < 100 ? 1 : 0) : 0;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** "1.07×", "316 µs", "2,206 B". */
export function formatValue(value: number, unit: Row["unit"]): string {
  return unit === "×" ? `${formatNumber(value, unit)}×` : `${formatNumber(value, unit)} ${unit}`;
}

/** "1.02–1.21 × 5": lowest and highest round, and how many rounds; "" without rounds. */
export function formatRounds(row: Row): string {
  if (!row.rounds || row.rounds.length === 0) return "";
  const low = Math.min(...row.rounds);
  const high = Math.max(...row.rounds);
  const range =
    low === high
      ? formatNumber(low, row.unit)
      : `${formatNumber(low, row.unit)}–${formatNumber(high, row.unit)}`;
  return `${range} (${row.rounds.length} rounds)`;
}

function formatBudget(row: Row): string {
  if (row.budget === undefined) return "";
  if (row.exact) return `exactly ${row.budget.toLocaleString("en-US")} ${row.unit}`;
  if (row.unit === "×") return `≤ ${Number.isInteger(row.budget) ? row.budget.toFixed(1) : row.budget}×`;
  return `≤ ${row.budget.toLocaleString("en-US")} ${row.unit}`;
}

function cells(row: Row): string[] {
  const value = row.value === null ? "not measured yet" : formatValue(row.value, row.unit);
  return [row.section, row.name, value, formatRounds(row), formatBudget(row), verdictOf(row), row.note ?? ""];
}

const HEADER = ["figure", "measured", "value", "rounds (min–max)", "budget", "verdict", "note"];

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

/** How to read the verdicts; printed under the table. */
export const LEGEND =
  "A ratio is ours ÷ its floor or peer timed in the same round; value = median of the rounds. " +
  `"noisy": the rounds fall on both sides of the budget and spread by more than ${NOISE_MARGIN * 100}% of it, so this run cannot decide.`;
