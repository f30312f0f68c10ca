// The shape of a horizontal bar chart, shared by the dataset report and the evaluation results
// views: the host lays the bars out, the webview only draws them (client/webview/shared/chart.ts).

/** One horizontal bar, in SVG user units. */
export interface Bar {
  label: string;
  value: number;
  /** Text after the bar, e.g. "75.0%". */
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** An error bar (a 95% interval) from x `lo` to x `hi`, in SVG user units. */
  error?: { lo: number; hi: number };
  /** Which series colour the bar takes (one per model); absent: the default colour. */
  series?: number;
}

/** A bar chart, laid out: its size, where labels end and bars start, and the bars. */
export interface BarChart {
  title: string;
  width: number;
  height: number;
  /** Where labels end (right-aligned) and bars start. */
  labelWidth: number;
  bars: Bar[];
}
