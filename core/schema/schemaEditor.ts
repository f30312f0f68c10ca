// Copy-on-write edits of a schema tree: the input is never mutated, and only the objects on the
// path from the root to an edited site are copied, so an unchanged schema is returned as is.
import type { SchemaSite } from './schemaWalk.ts';

/** Sets an own data property even for keys like "__proto__" (plain assignment would change the prototype). */
export function setOwn(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function shallowCopy<T extends object>(value: T): T {
  // Spread defines own properties, so a "__proto__" key is copied as data, not as a prototype.
  return (Array.isArray(value) ? value.slice() : { ...value }) as T;
}

export class SchemaEditor {
  private readonly copies = new Map<object, object>();
  private readonly copied = new Set<object>();
  private edited: unknown;

  constructor(private readonly root: unknown) {
    this.edited = root;
  }

  /** The edited tree, or the original root when nothing was edited. */
  get result(): unknown {
    return this.edited;
  }

  /** A copy of the site's schema that may be mutated (with setOwn or delete); ancestors are copied as needed. */
  writable(site: SchemaSite): Record<string, unknown> {
    // Collect the sites that still need copying, from `site` up to the first copied ancestor.
    const chain: SchemaSite[] = [];
    for (let s: SchemaSite | null = site; s && !this.copies.has(s.schema); s = s.parent) chain.push(s);
    for (let i = chain.length - 1; i >= 0; i--) this.copySite(chain[i]);
    return this.copies.get(site.schema) as Record<string, unknown>;
  }

  private copySite(site: SchemaSite): void {
    const copy = this.copyOf(site.schema);
    if (!site.parent) {
      this.edited = copy;
      return;
    }
    // Walk from the parent's copy through the intermediate container (`properties`, `anyOf`, ...).
    let container = this.copies.get(site.parent.schema) as Record<string | number, unknown>;
    for (let k = 0; k < site.via.length - 1; k++) {
      const inner = container[site.via[k]];
      if (inner === null || typeof inner !== 'object') return; // the whole keyword was removed
      const innerCopy = this.copyOf(inner);
      setOwn(container, site.via[k], innerCopy);
      container = innerCopy as Record<string | number, unknown>;
    }
    const last = site.via[site.via.length - 1];
    // An entry an earlier edit removed (an unsupported patternProperties key) must stay removed.
    if (Object.hasOwn(container, last)) setOwn(container, last, copy);
  }

  private copyOf(value: object): object {
    if (this.copied.has(value)) return value;
    let copy = this.copies.get(value);
    if (!copy) {
      copy = shallowCopy(value);
      this.copies.set(value, copy);
      this.copied.add(copy);
    }
    return copy;
  }
}
