import { ToolsFileOfRequest, type ToolsFileOfParams, type ToolsFileOfResult } from '../../core/protocol.ts';
import type { CancellationToken } from 'vscode-languageserver';
import type { Feature } from '../context.ts';
import { runSafe } from '../runSafe.ts';
import { toolsFileOf } from './toolsWorkspace.ts';

/** `toolcall/toolsFileOf`: the tools file a dataset uses, resolved exactly as validation resolves it. */
export const toolsFileOfFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(ToolsFileOfRequest.method, (params: ToolsFileOfParams, token: CancellationToken) =>
      runSafe<ToolsFileOfResult>(ctx.log, async () => ({ path: await toolsFileOf(ctx, params.uri) }), {}, 'toolsFileOf failed', token),
    );
  },
};
