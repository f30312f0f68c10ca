// Bar charts as inline SVG built with createElementNS; the geometry comes from
// core/eval/resultsView.ts (barChart), labels go in with textContent.
import type { BarChart } from '../../../core/barChart.ts';

const SVG = 'http://www.w3.org/2000/svg';

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The chart as an <svg> with a <title> for screen readers. */
export function renderBarChart(chart: BarChart): SVGSVGElement {
  const svg = svgEl('svg', { class: 'chart', width: chart.width, height: chart.height, viewBox: `0 0 ${chart.width} ${chart.height}`, role: 'img' });
  svg.append(svgEl('title', {}, chart.title));
  for (const bar of chart.bars) {
    const middle = bar.y + bar.height / 2 + 4;
    svg.append(svgEl('text', { x: chart.labelWidth - 6, y: middle, 'text-anchor': 'end' }, bar.label));
    svg.append(svgEl('rect', { class: bar.series === undefined ? 'bar' : `bar series-${bar.series}`, x: bar.x, y: bar.y, width: bar.width, height: bar.height }));
    let textX = bar.x + bar.width + 4;
    if (bar.error) {
      // The interval as a whisker with caps across the bar's middle.
      const y = bar.y + bar.height / 2;
      const caps = bar.height / 4;
      svg.append(svgEl('path', { class: 'error-bar', d: `M${bar.error.lo} ${y}H${bar.error.hi}M${bar.error.lo} ${y - caps}V${y + caps}M${bar.error.hi} ${y - caps}V${y + caps}` }));
      textX = Math.max(textX, bar.error.hi + 4);
    }
    svg.append(svgEl('text', { x: textX, y: middle }, bar.text));
  }
  return svg;
}
