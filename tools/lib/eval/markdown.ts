// Small formatting helpers shared by the eval and bench CLIs.

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export function fixed(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : "n/a";
}

export function withInterval(x: number, interval: { low: number; high: number }, digits = 3): string {
  return `${fixed(x, digits)} [${fixed(interval.low, digits)}, ${fixed(interval.high, digits)}]`;
}
