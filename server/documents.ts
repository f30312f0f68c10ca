import { TextDocuments } from 'vscode-languageserver';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { DatasetValidator } from '../core/validate.ts';
import type { Diagnostic } from '../core/checks/findings.ts';
import { LineCache } from './lineCache.ts';
import type { LineSource } from './lineCacheTypes.ts';
import { LineDocument } from './lineDocument.ts';
import { releaseMemorySoon } from './memory.ts';
import { takeOpenedLines } from './didOpenMessage.ts';

/** Everything the server keeps per open document besides its text. */
export class DocumentState {
  /** Per-line results in the core's lines (`coreLinesOf`): a lone CR joins LSP lines into one. */
  readonly cache: LineCache;
  validator?: DatasetValidator;
  validatorKey?: string;
  /** Last published result (uncapped), for features that look diagnostics up (code actions). */
  last?: { version: number; isDataset: boolean; diagnostics: Diagnostic[]; examples: number };
  /** Lines the last `didChange` replaced and inserted (the debounce is shorter for small edits). */
  lastEdit = { replaced: 0, inserted: 0 };
  /** The lowest LSP line an edit touched since `takeEditedFrom` (Infinity: none). */
  private editedFrom = Infinity;

  constructor(private readonly document: LineDocument) {
    this.cache = new LineCache(document.coreLineCount);
  }

  /** An edit touched LSP lines from `line` on (0 for a whole-text change: the client may have reset everything). */
  noteEdit(line: number): void {
    this.editedFrom = Math.min(this.editedFrom, line);
  }

  /** The lowest line edited since the last call (Infinity when none), and start again. */
  takeEditedFrom(): number {
    const line = this.editedFrom;
    this.editedFrom = Infinity;
    return line;
  }

  /** The text holds a CR not followed by LF: LSP and the core split lines differently there. */
  get loneCR(): boolean {
    return this.document.hasLoneCR;
  }
}

/** Per-URI states, created with the document and dropped when it closes. */
export class DocumentStates {
  private readonly states = new Map<string, DocumentState>();

  get(document: LineDocument): DocumentState {
    let state = this.states.get(document.uri);
    if (!state) {
      state = new DocumentState(document);
      this.states.set(document.uri, state);
    }
    return state;
  }

  peek(uri: string): DocumentState | undefined {
    return this.states.get(uri);
  }

  delete(uri: string): void {
    this.states.delete(uri);
  }
}

/** A didOpen this big leaves its message (buffers, decoded JSON) as garbage worth collecting at once. */
const BIG_DOCUMENT_CHARS = 8_000_000;

/**
 * The standard document manager over line-array documents: an edit splices the lines it
 * touched (no whole-text rebuild) and tells the document's line cache which lines those were.
 */
export function createDocuments(states: DocumentStates): TextDocuments<LineDocument> {
  return new TextDocuments<LineDocument>({
    create(uri, languageId, version, content) {
      const lines = takeOpenedLines(content);
      const document = LineDocument.create(uri, languageId, version, lines ?? content);
      if (lines !== undefined || content.length >= BIG_DOCUMENT_CHARS) releaseMemorySoon();
      states.delete(uri);
      states.get(document);
      return document;
    },
    update(document, changes, version) {
      return applyChanges(states.get(document), document, changes, version);
    },
  });
}

/** Applies the changes to the document in place, splicing the line cache along (in core lines). */
export function applyChanges(state: DocumentState, document: LineDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): LineDocument {
  let replaced = 0;
  let inserted = 0;
  document.update(
    changes,
    version,
    (start, deleteCount, insertCount) => {
      state.noteEdit(start);
      replaced += deleteCount;
      inserted += insertCount;
    },
    (start, deleteCount, insertCount) => state.cache.splice(start, deleteCount, insertCount),
  );
  state.lastEdit = { replaced, inserted };
  if (changes.some((change) => !('range' in change) || change.range === undefined)) state.noteEdit(0);
  state.cache.sync(document.coreLineCount);
  return document;
}

export function hasLoneCR(text: string): boolean {
  return /\r(?!\n)/.test(text);
}

/**
 * A document's lines as the core counts them (LF and CRLF end a line, a lone CR does not), for
 * its line cache: the same lines as `linesOf` unless the text holds a lone CR. Reads the live
 * document, so `version` follows edits.
 */
export function coreLinesOf(document: LineDocument): LineSource {
  return {
    get version() {
      return document.version;
    },
    get lineCount() {
      return document.coreLineCount;
    },
    lineText: (index: number) => document.coreLineText(index),
  };
}

/** A document's lines as LSP counts them; reads the live document, so `version` follows edits. */
export function linesOf(document: LineDocument): LineSource {
  return {
    get version() {
      return document.version;
    },
    get lineCount() {
      return document.lineCount;
    },
    lineText: (index: number) => document.lineText(index),
  };
}
