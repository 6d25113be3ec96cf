/**
 * bench/lag.png: detection lag (p50 and p95, Atlas seconds) by stack size, adaptive against baseline.
 */
import { Canvas, type Rgb } from "./png";
import type { ComparedSize } from "./report";

const ink: Rgb = [40, 40, 40];
const grid: Rgb = [225, 225, 225];
const series: ReadonlyArray<{ label: string; color: Rgb; value: (row: ComparedSize) => number | null }> = [
  { label: "adaptive p50", color: [158, 202, 225], value: (row) => row.adaptive.lag.all.p50 },
  { label: "adaptive p95", color: [33, 113, 181], value: (row) => row.adaptive.lag.all.p95 },
  { label: "baseline p50", color: [253, 190, 133], value: (row) => row.baseline.lag.all.p50 },
  { label: "baseline p95", color: [217, 95, 14], value: (row) => row.baseline.lag.all.p95 },
];

/** `caption`: short lines under the title (the font is upper case only); the targets are in results.md. */
export function lagChart(rows: readonly ComparedSize[], caption: readonly string[]): Buffer {
  const width = 960;
  const height = 560;
  const left = 70;
  const right = 20;
  const top = 90;
  const bottom = 130;
  const canvas = new Canvas(width, height);
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;

  const values = rows.flatMap((row) => series.map((s) => s.value(row) ?? 0));
  const step = Math.max(...values, 1) > 10 ? 2 : 1;
  const yMax = Math.ceil(Math.max(...values, 1) / step) * step + step;
  const y = (value: number) => top + plotHeight - (value / yMax) * plotHeight;

  canvas.text(left, 20, "detection lag by stack size (atlas seconds)", ink, 2);
  caption.slice(0, 2).forEach((line, i) => canvas.text(left, 46 + i * 12, line, ink, 1));

  for (let tick = 0; tick <= yMax; tick += step) {
    canvas.horizontalLine(left, left + plotWidth, y(tick), grid);
    const label = String(tick);
    canvas.text(left - 10 - Canvas.textWidth(label, 2), y(tick) - 7, label, ink, 2);
  }
  canvas.verticalLine(left, top, top + plotHeight, ink);
  canvas.horizontalLine(left, left + plotWidth, top + plotHeight, ink);

  const groupWidth = plotWidth / Math.max(1, rows.length);
  // One text size for every group label: the larger one only if all of them fit.
  const labelScale = rows.every((row) => Canvas.textWidth(row.label, 2) <= groupWidth - 8) ? 2 : 1;
  const barWidth = Math.floor((groupWidth * 0.7) / series.length);
  rows.forEach((row, index) => {
    const groupLeft = left + index * groupWidth + (groupWidth - barWidth * series.length) / 2;
    series.forEach((s, i) => {
      const value = s.value(row);
      if (value === null) return;
      const x = groupLeft + i * barWidth;
      canvas.fillRect(x + 1, y(value), barWidth - 2, top + plotHeight - y(value), s.color);
      const text = value.toFixed(value < 10 ? 2 : 1);
      canvas.text(x + (barWidth - Canvas.textWidth(text, 1)) / 2, y(value) - 10, text, ink, 1);
    });
    canvas.text(
      left + index * groupWidth + (groupWidth - Canvas.textWidth(row.label, labelScale)) / 2,
      top + plotHeight + 10,
      row.label,
      ink,
      labelScale,
    );
  });

  let legendX = left;
  const legendY = height - 50;
  for (const s of series) {
    canvas.fillRect(legendX, legendY, 16, 16, s.color);
    canvas.text(legendX + 24, legendY + 1, s.label, ink, 2);
    legendX += 24 + Canvas.textWidth(s.label, 2) + 30;
  }
  return canvas.toPng();
}
