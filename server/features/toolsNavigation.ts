import type { Location } from 'vscode-languageserver';
import type { Feature, ServerContext } from '../context.ts';
import { runSafe } from '../runSafe.ts';
import { nameAt, nameSites } from './toolRename.ts';

/**
 * Definition and references of a tool name across a dataset and its tools file, in both
 * directions (a call in a dataset -> the declarations; a declaration in the tools file -> the
 * calls in the open datasets using it). Exported for a dataset navigation feature to delegate to.
 */
export async function toolDefinitions(ctx: ServerContext, uri: string, position: { line: number; character: number }): Promise<Location[]> {
  const found = nameAt(ctx, uri, position);
  if (!found) return [];
  const files = await nameSites(ctx, uri, found.name);
  const locations: Location[] = [];
  for (const f of files) {
    // In a dataset, only the declarations of the line the cursor is on are its definitions.
    const sameFile = f.uri === uri;
    for (const r of f.ranges) {
      if (r.kind !== 'declaration') continue;
      if (sameFile && !isToolsFile(uri) && r.start.line !== position.line) continue;
      if (!sameFile && !isToolsFile(f.uri)) continue;
      locations.push({ uri: f.uri, range: { start: r.start, end: r.end } });
    }
  }
  return locations;
}

export async function toolReferences(ctx: ServerContext, uri: string, position: { line: number; character: number }, includeDeclaration: boolean): Promise<Location[]> {
  const found = nameAt(ctx, uri, position);
  if (!found) return [];
  const locations: Location[] = [];
  for (const f of await nameSites(ctx, uri, found.name)) {
    for (const r of f.ranges) if (includeDeclaration || r.kind === 'call') locations.push({ uri: f.uri, range: { start: r.start, end: r.end } });
  }
  return locations;
}

const isToolsFile = (uri: string) => /\.tools\.json$/i.test(uri);

export const toolsNavigationFeature: Feature = {
  capabilities: () => ({ definitionProvider: true, referencesProvider: true }),
  register(ctx) {
    ctx.connection.onDefinition((params, token) => runSafe(ctx.log, () => toolDefinitions(ctx, params.textDocument.uri, params.position), [], 'definition failed', token));
    ctx.connection.onReferences((params, token) =>
      runSafe(ctx.log, () => toolReferences(ctx, params.textDocument.uri, params.position, params.context.includeDeclaration), [], 'references failed', token),
    );
  },
};
