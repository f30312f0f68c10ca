// Toolcall: Import Tools from MCP Server... The person types the server's command line (or a
// streamable HTTP URL); typing it is the consent to run it, in a trusted workspace only.
import * as vscode from 'vscode';
import { mcpServerOf } from '../../core/tools/import/commandLine.ts';
import { describeMcpSource, importMcp } from '../../core/tools/import/mcp.ts';
import type { CommandFactory } from '../commandContext.ts';
import { saveImport, type ImportTarget } from './writeImport.ts';

export interface ImportMcpArgs extends ImportTarget {
  /** The command line or URL; default: asked. */
  server?: string;
}

export const importFromMcp: CommandFactory = (ctx) => async (args: ImportMcpArgs = {}) => {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Importing from an MCP server starts a program; trust this workspace first.');
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const typed = args.server ?? (await vscode.window.showInputBox({
    title: 'Import Tools from MCP Server',
    prompt: `The command that starts the server over stdio (run in ${folder?.uri.fsPath ?? 'the current directory'}), or its streamable HTTP URL`,
    placeHolder: 'npx -y @modelcontextprotocol/server-everything  or  http://localhost:3001/mcp',
    ignoreFocusOut: true,
  }));
  if (typed === undefined) return undefined;
  const server = mcpServerOf(typed);
  if ('error' in server) {
    void vscode.window.showErrorMessage(server.error);
    return undefined;
  }
  const source = describeMcpSource(server);
  try {
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Listing the tools of ${source}` }, () =>
      importMcp('command' in server ? { ...server, cwd: folder?.uri.fsPath } : server),
    );
    const name = 'command' in server ? (server.args?.find((a) => !a.startsWith('-'))?.split(/[\\/]/).pop()?.replace(/\.[cm]?js$/, '') ?? server.command) : new URL(server.url).hostname;
    return await saveImport(ctx, result, source, name.replace(/[^\w.-]+/g, '-'), { ...server }, args);
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return undefined;
  }
};
