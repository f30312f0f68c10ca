// Toolcall: Import Tools from OpenAPI Spec... A spec file (JSON or YAML), the operations to
// import (all by default), one tool each.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { importOpenApi, type OpenApiImportOptions } from '../../core/tools/import/openapi.ts';
import type { CommandFactory } from '../commandContext.ts';
import { saveImport, type ImportTarget } from './writeImport.ts';

export interface ImportOpenApiArgs extends ImportTarget, OpenApiImportOptions {
  /** The spec; default: asked with an open dialog. */
  spec?: vscode.Uri;
}

export const importFromOpenApi: CommandFactory = (ctx) => async (args: ImportOpenApiArgs = {}) => {
  const spec = args.spec ?? (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'OpenAPI or Swagger spec': ['json', 'yaml', 'yml'] }, title: 'Import Tools from OpenAPI Spec' }))?.[0];
  if (!spec) return undefined;
  try {
    const all = await importOpenApi(spec.fsPath, { tags: args.tags });
    let operations = args.operations;
    if (operations === undefined && args.target === undefined && all.tools.length > 1) {
      const picked = await vscode.window.showQuickPick(all.tools.map((t) => ({ label: t.function.name, description: t.function.description?.split('\n')[0], picked: true })), { canPickMany: true, title: 'Operations to import as tools' });
      if (!picked || picked.length === 0) return undefined;
      if (picked.length < all.tools.length) operations = picked.map((p) => p.label);
    }
    const result = operations ? await importOpenApi(spec.fsPath, { tags: args.tags, operations }) : all;
    const folder = vscode.workspace.getWorkspaceFolder(spec);
    const specPath = folder ? path.relative(folder.uri.fsPath, spec.fsPath).split(path.sep).join('/') : spec.fsPath;
    const entry = { openapi: specPath, ...(args.tags?.length ? { tags: args.tags } : {}), ...(operations ? { operations } : {}) };
    return await saveImport(ctx, result, path.basename(spec.fsPath), path.basename(spec.fsPath).replace(/\.(json|ya?ml)$/i, '').replace(/\.(openapi|swagger)\d*$/i, ''), entry, args);
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return undefined;
  }
};
