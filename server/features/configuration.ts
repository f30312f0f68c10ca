import { DidChangeConfigurationNotification } from 'vscode-languageserver';
import { SETTINGS_SECTION } from '../../core/protocol.ts';
import type { Feature } from '../context.ts';
import { guard } from '../runSafe.ts';

/**
 * Settings changed: forget pulled settings (or take pushed ones from clients that cannot be
 * asked) and validate open documents again. Registered dynamically so VS Code notifies us
 * without the client pushing the section.
 */
export const configurationFeature: Feature = {
  register(ctx) {
    ctx.connection.onDidChangeConfiguration(
      guard(ctx.log, 'didChangeConfiguration', (params) => {
        const pushed = (params?.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
        ctx.settings.changed(pushed);
        ctx.revalidateAll();
      }),
    );
  },
  initialized(ctx) {
    if (ctx.client.configurationDynamicRegistration) {
      ctx.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch((error: unknown) => ctx.log.error(`Could not register for configuration changes: ${String(error)}`));
    }
  },
};
