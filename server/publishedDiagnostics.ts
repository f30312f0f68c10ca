// What the client holds for each URI: the list of diagnostics the server last published.
// LSP clients keep a published list until the next publish for the URI, so publishing the
// same list again changes nothing the user sees; on the real 50 MB bench file every
// one-line edit below the first 1,001 diagnostics re-sent the same 300-400 KB.
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic as LspDiagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';

interface Held {
  diagnostics: readonly LspDiagnostic[];
  /** The last line any of them (or their ranges) is on. */
  lastLine: number;
}

/** Work counters for the tests: how many publishes went out, how many were found held. */
export const publishCounts = { sent: 0, held: 0 };

/** Every publishDiagnostics of the server goes through `send`, so the record stays what the client holds. */
export class PublishedDiagnostics {
  private readonly held = new Map<string, Held>();

  constructor(private readonly sendDiagnostics: (params: PublishDiagnosticsParams) => Promise<void>) {}

  /** Publishes `params` and records them as what the client holds for the URI. */
  send(params: PublishDiagnosticsParams): Promise<void> {
    let lastLine = -1;
    for (const d of params.diagnostics) lastLine = Math.max(lastLine, d.range.start.line, d.range.end.line);
    this.held.set(params.uri, { diagnostics: params.diagnostics, lastLine });
    publishCounts.sent++;
    return this.sendDiagnostics(params);
  }

  /**
   * Whether the client already shows exactly `diagnostics` for `uri`: the same list was
   * published last, and every edit since began below its last line (`editedFrom`, the
   * lowest line an edit touched; an editor moves a diagnostic's squiggle when the text
   * before it on its line, or a line above, changes).
   */
  holds(uri: string, diagnostics: readonly LspDiagnostic[], editedFrom: number): boolean {
    const held = this.held.get(uri);
    if (held === undefined || editedFrom <= held.lastLine || held.diagnostics.length !== diagnostics.length) return false;
    for (let i = 0; i < diagnostics.length; i++) {
      // Unchanged lines keep their diagnostic objects (publishedForm), so most compare by identity.
      if (held.diagnostics[i] !== diagnostics[i] && !isDeepStrictEqual(held.diagnostics[i], diagnostics[i])) return false;
    }
    publishCounts.held++;
    return true;
  }
}
