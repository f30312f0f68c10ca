// Fetching a source's tools from the extension: an OpenAPI spec is only read; an MCP server is a
// command execution, so only in a trusted workspace and only after the person has seen the
// exact command and allowed it (remembered per command line and directory).
import * as vscode from 'vscode';
import type { ImportResult } from '../../core/tools/import/declarations.ts';
import { CommandConsent } from '../../core/tools/import/commandLine.ts';
import { describeSource, sourceCommand, type ToolsSource } from '../../core/tools/import/sourceConfig.ts';
import { fetchSource } from '../../core/tools/import/sources.ts';
import type { CommandContext } from '../commandContext.ts';

const CONSENT_KEY = 'toolcall.tools.allowedCommands';

export function commandConsent(ctx: CommandContext): CommandConsent {
  const state = ctx.extension.workspaceState;
  return new CommandConsent(
    { get: () => state.get<string[]>(CONSENT_KEY) ?? [], set: (keys) => state.update(CONSENT_KEY, keys) },
    async (commandLine, cwd) => {
      const run = 'Run';
      const answer = await vscode.window.showWarningMessage(
        'Start this MCP server to read its tools?',
        { modal: true, detail: `${commandLine}\n\nin ${cwd}\n\nIt runs with your permissions. You are asked once per command.` },
        run,
      );
      return answer === run;
    },
  );
}

export type FetchOutcome = { result: ImportResult } | { error: string } | { skipped: string };

/**
 * The source's tools. `interactive` false (automatic checks): an MCP command not yet allowed is
 * skipped, never asked about.
 */
export async function fetchTools(ctx: CommandContext, source: ToolsSource, cwd: string, interactive: boolean): Promise<FetchOutcome> {
  const command = sourceCommand(source, cwd);
  if (source.kind === 'mcp') {
    if (!vscode.workspace.isTrusted) return { skipped: `MCP servers are not started in an untrusted workspace (${describeSource(source)}).` };
    const consent = commandConsent(ctx);
    if (command !== undefined) {
      const ok = interactive ? await consent.request(command.commandLine, command.cwd) : consent.allowed(command.commandLine, command.cwd);
      if (!ok) return { skipped: `Not allowed to run ${command.commandLine}.` };
    }
  }
  try {
    const result = await vscode.window.withProgress(
      { location: interactive ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window, title: `Reading tools from ${describeSource(source)}` },
      () => fetchSource(source, cwd),
    );
    return { result };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
