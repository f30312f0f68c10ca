// What the authoring handlers share: the document's lines and the core authoring context
// (the validator's caches and shared tools), without validating anything.
import { DatasetValidator } from '../../core/validate.ts';
import { contextOf, type AuthoringContext } from '../../core/authoring/lineAnalysis.ts';
import type { ServerContext } from '../context.ts';
import { linesOf } from '../documents.ts';
import { resolveOptions } from '../validationOptions.ts';

/** An open document the authoring features apply to (not one known to be something else than a dataset). */
export function datasetDocument(ctx: ServerContext, uri: string) {
  const document = ctx.documents.get(uri);
  if (!document) return undefined;
  const state = ctx.states.get(document);
  if (state.last && !state.last.isDataset) return undefined;
  return { document, state, lines: linesOf(document) };
}

/** The context the last validation used, or one built from the settings before the first validation. */
export async function authoringContext(ctx: ServerContext, uri: string): Promise<AuthoringContext> {
  const document = ctx.documents.get(uri);
  const state = document && ctx.states.get(document);
  if (state?.validator) return contextOf(state.validator);
  const settings = await ctx.settings.get(uri);
  return contextOf(new DatasetValidator(resolveOptions(ctx, uri, settings).options));
}
