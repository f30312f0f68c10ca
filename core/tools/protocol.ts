/**
 * Custom LSP messages and settings of the tools features, declared once for the server and the
 * client (to be merged into core/protocol.ts).
 */
import { RequestType } from 'vscode-languageserver-protocol';

/** Settings section of the tools features (`toolcall.tools.*`). */
export const TOOLS_SETTINGS_SECTION = 'toolcall.tools';

export interface ToolsSettings {
  /** Report TC430-TC432 in tools files. */
  strictReadiness: boolean;
}

export const DEFAULT_TOOLS_SETTINGS: ToolsSettings = Object.freeze({ strictReadiness: false });

export function normalizeToolsSettings(raw: unknown): ToolsSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return { strictReadiness: r.strictReadiness === true };
}

export interface ToolsFileOfParams {
  /** URI of a dataset. */
  uri: string;
}

export interface ToolsFileOfResult {
  /** File-system path of the tools file the `toolcall.toolsFile` setting gives the dataset, if any. */
  path?: string;
}

/** Client -> server: which tools file a dataset uses (resolved as validation resolves it). */
export namespace ToolsFileOfRequest {
  export const method = 'toolcall/toolsFileOf';
  export const type = new RequestType<ToolsFileOfParams, ToolsFileOfResult, void>(method);
}
