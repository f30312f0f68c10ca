import { TextDocuments } from 'vscode-languageserver';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DatasetValidator } from '../core/validate.ts';
import { LineCache, type LineSource } from './lineCache.ts';

/** Everything the server keeps per open document besides its text. */
export class DocumentState {
  readonly cache: LineCache;
  /** The text holds a CR not followed by LF: LSP and the core split lines differently there. */
  loneCR: boolean;
  validator?: DatasetValidator;
  validatorKey?: string;
  /** Last published result (uncapped), for features that look diagnostics up (code actions). */
  last?: { version: number; isDataset: boolean; diagnostics: Diagnostic[]; examples: number };

  constructor(document: TextDocument) {
    this.cache = new LineCache(document.lineCount);
    this.loneCR = hasLoneCR(document.getText());
  }
}

/** Per-URI states, created with the document and dropped when it closes. */
export class DocumentStates {
  private readonly states = new Map<string, DocumentState>();

  get(document: TextDocument): DocumentState {
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

/**
 * The standard document manager, with its update hook used to tell each document's line cache
 * which lines an incremental change touched before the change is applied.
 */
export function createDocuments(states: DocumentStates): TextDocuments<TextDocument> {
  return new TextDocuments<TextDocument>({
    create(uri, languageId, version, content) {
      const document = TextDocument.create(uri, languageId, version, content);
      states.delete(uri);
      states.get(document);
      return document;
    },
    update(document, changes, version) {
      return applyChanges(states.get(document), document, changes, version);
    },
  });
}

/** Tells the line cache which lines the changes touch, then applies them to the document. */
export function applyChanges(state: DocumentState, document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  state.cache.recordChanges(changes);
  const updated = TextDocument.update(document, changes, version);
  state.cache.sync(updated.lineCount);
  // Only a change that writes a CR, or one while a lone CR exists, can change the answer.
  if (state.loneCR || changes.some((c) => c.text.includes('\r'))) state.loneCR = hasLoneCR(updated.getText());
  return updated;
}

export function hasLoneCR(text: string): boolean {
  return /\r(?!\n)/.test(text);
}

/** A document's lines for the line cache; reads the live document, so `version` follows edits. */
export function linesOf(document: TextDocument): LineSource {
  return {
    get version() {
      return document.version;
    },
    get lineCount() {
      return document.lineCount;
    },
    lineText(index: number): string {
      const text = document.getText({ start: { line: index, character: 0 }, end: { line: index + 1, character: 0 } });
      if (text.endsWith('\r\n')) return text.slice(0, -2);
      if (text.endsWith('\n') || text.endsWith('\r')) return text.slice(0, -1);
      return text;
    },
  };
}
