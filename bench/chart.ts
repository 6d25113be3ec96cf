/**
 * bench/lag.svg: detection lag (p50 and p95, Atlas seconds) by stack size, adaptive against baseline.
 * Hand-written SVG (text: readable in a browser, on GitHub, and in a diff); no dependency.
 */
import type { ComparedSize } from "./report";

const ink = "#282828";
const grid = "#e1e1e1";
const series: ReadonlyArray<{ label: string; color: string; value: (row: ComparedSize) => number | null }> = [
  { label: "adaptive p50", color: "#9ecae1", value: (row) => row.adaptive.lag.all.p50 },
  { label: "adaptive p95", color: "#2171b5", value: (row) => row.adaptive.lag.all.p95 },
  { label: "baseline p50", color: "#fdbe85", value: (row) => row.baseline.lag.all.p50 },
  { label: "baseline p95", color: "#d95f0e", value: (row) => row.baseline.lag.all.p95 },
];

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const fixed = (value: number) => (Math.round(value * 100) / 100).toString();

/** `rows`: one group of bars each; `caption`: lines under the title. */
export function lagChart(rows: readonly ComparedSize[], caption: readonly string[]): string {
  const width = 960;
  const height = 560;
  const left = 70;
  const right = 20;
  const top = 90;
  const bottom = 110;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const values = rows.flatMap((row) => series.map((s) => s.value(row) ?? 0));
  const highest = Math.max(...values, 1);
  const step = highest > 50 ? 10 : highest > 10 ? 2 : 1;
  const yMax = Math.ceil(highest / step) * step + step;
  const y = (value: number) => top + plotHeight - (value / yMax) * plotHeight;

  const parts: string[] = [];
  const text = (x: number, yy: number, content: string, attributes = "") =>
    parts.push(`<text x="${fixed(x)}" y="${fixed(yy)}"${attributes}>${escape(content)}</text>`);
  text(left, 32, "Detection lag by stack size (Atlas seconds)", ' font-size="20" font-weight="bold"');
  caption.slice(0, 3).forEach((line, i) => text(left, 54 + i * 15, line, ' font-size="12"'));
  for (let tick = 0; tick <= yMax; tick += step) {
    parts.push(
      `<line x1="${left}" x2="${left + plotWidth}" y1="${fixed(y(tick))}" y2="${fixed(y(tick))}" stroke="${grid}"/>`,
    );
    text(left - 8, y(tick) + 4, String(tick), ' font-size="12" text-anchor="end"');
  }
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotHeight}" stroke="${ink}"/>`);
  parts.push(
    `<line x1="${left}" x2="${left + plotWidth}" y1="${top + plotHeight}" y2="${top + plotHeight}" stroke="${ink}"/>`,
  );
  const groupWidth = plotWidth / Math.max(1, rows.length);
  const barWidth = (groupWidth * 0.7) / series.length;
  rows.forEach((row, index) => {
    const groupLeft = left + index * groupWidth + (groupWidth - barWidth * series.length) / 2;
    series.forEach((s, i) => {
      const value = s.value(row);
      if (value === null) return;
      const x = groupLeft + i * barWidth;
      parts.push(
        `<rect x="${fixed(x + 1)}" y="${fixed(y(value))}" width="${fixed(barWidth - 2)}" height="${fixed(top + plotHeight - y(value))}" fill="${s.color}"><title>${escape(`${row.label}, ${s.label}: ${value.toFixed(2)} s`)}</title></rect>`,
      );
      text(x + barWidth / 2, y(value) - 4, value.toFixed(value < 10 ? 2 : 1), ' font-size="10" text-anchor="middle"');
    });
    text(
      left + index * groupWidth + groupWidth / 2,
      top + plotHeight + 20,
      row.label,
      ' font-size="13" text-anchor="middle"',
    );
  });
  let legendX = left;
  for (const s of series) {
    parts.push(`<rect x="${legendX}" y="${height - 45}" width="14" height="14" fill="${s.color}"/>`);
    text(legendX + 20, height - 33, s.label, ' font-size="13"');
    legendX += 150;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" fill="${ink}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}
