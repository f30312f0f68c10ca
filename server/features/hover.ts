import { hover } from '../../core/authoring/hover.ts';
import type { Feature } from '../context.ts';
import { runSafe } from '../runSafe.ts';
import { authoringContext, datasetDocument } from './authoringSupport.ts';

/** Hover on a call's tool name and on an argument key inside `arguments`. */
export const hoverFeature: Feature = {
  capabilities: () => ({ hoverProvider: true }),
  register(ctx) {
    ctx.connection.onHover((params, token) =>
      runSafe(ctx.log, async () => {
        const found = datasetDocument(ctx, params.textDocument.uri);
        if (!found) return null;
        const { line, character } = params.position;
        const result = hover(found.lines.lineText(line), character, line, await authoringContext(ctx, params.textDocument.uri));
        if (!result) return null;
        return { contents: { kind: 'markdown' as const, value: result.markdown }, range: { start: { line, character: result.start }, end: { line, character: result.end } } };
      }, null, 'hover failed', token),
    );
  },
};
