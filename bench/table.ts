// Plain-text tables for the console.

export type Cell = string | number;

export function formatTable(headers: string[], rows: Cell[][]): string {
  const text = [headers, ...rows.map((r) => r.map(cellText))];
  const widths = headers.map((_, c) => Math.max(...text.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]): string =>
    // Numbers read best right-aligned; the first column is a label.
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(text[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].join('\n');
}

function cellText(cell: Cell): string {
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell)) return '-';
  if (Number.isInteger(cell)) return String(cell);
  return Math.abs(cell) >= 100 ? cell.toFixed(0) : cell.toFixed(2);
}
