// Element helpers for the results webview. Text only ever goes in through textContent
// (or attributes that are not URLs or handlers): no innerHTML anywhere in the webview.

/** Options of `el`. */
export interface ElOptions {
  className?: string;
  text?: string;
  title?: string;
  /** Plain data attributes (for tests and event delegation). */
  data?: Record<string, string>;
}

/** An HTML element with text set by textContent. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElOptions = {}, children: (Node | undefined)[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.title !== undefined) node.title = options.title;
  for (const [k, v] of Object.entries(options.data ?? {})) node.dataset[k] = v;
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A table from a header row and body rows of text; `numeric(i)` right-aligns column i. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: (column: number) => boolean, id?: string): HTMLTableElement {
  const table = el('table');
  if (id) table.id = id;
  const head = el('tr', {}, header.map((h, i) => el('th', { text: h, className: numeric(i) ? 'num' : '' })));
  table.append(el('thead', {}, [head]));
  table.append(el('tbody', {}, rows.map((r) => el('tr', {}, r.map((cell, i) => el('td', { text: cell, className: numeric(i) ? 'num' : '' }))))));
  return table;
}

/** A <select> with the given values (label = value unless given). */
export function select(values: readonly (string | [value: string, label: string])[], current: string, onChange: (value: string) => void, label: string): HTMLSelectElement {
  const node = el('select', { title: label });
  node.setAttribute('aria-label', label);
  for (const v of values) {
    const [value, text] = Array.isArray(v) ? v : [v, v];
    const option = el('option', { text });
    option.value = value;
    option.selected = value === current;
    node.append(option);
  }
  node.addEventListener('change', () => onChange(node.value));
  return node;
}
