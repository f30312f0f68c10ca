import type { Feature } from '../context.ts';
import { uriToPath } from '../paths.ts';
import { guard } from '../runSafe.ts';

/** A watched tools file changed on disk: forget it and validate open documents again. */
export const watchedFilesFeature: Feature = {
  register(ctx) {
    ctx.connection.onDidChangeWatchedFiles(
      guard(ctx.log, 'didChangeWatchedFiles', ({ changes }) => {
        let relevant = false;
        for (const change of changes) {
          const file = uriToPath(change.uri);
          if (file && ctx.toolsFiles.invalidate(file)) relevant = true;
        }
        if (relevant) ctx.revalidateAll();
      }),
    );
  },
};
