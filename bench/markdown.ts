/** Number formatting and Markdown table lines for the bench report. */

/** A number with thousands separators and `digits` decimals; 'n/a' when not finite. */
export function fmt(x: number, digits = 0): string {
  return Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';
}

/** Bytes as MB with one decimal. */
export function mb(bytes: number): string {
  return `${fmt(bytes / 1048576, 1)} MB`;
}

/** The goal column: 'met' or a bold '**not met**'. */
export function verdict(ok: boolean): string {
  return ok ? 'met' : '**not met**';
}

/** The middle value of a list (the upper one of the two middles for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)];
}

/** One Markdown table row. */
export function mdRow(...cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}
