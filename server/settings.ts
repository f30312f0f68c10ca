import { DEFAULT_SETTINGS, type ToolcallSettings } from '../core/protocol.ts';
import { normalizeSettings } from '../core/settings/validationSettings.ts';

/**
 * Settings per resource. Pull model (`workspace/configuration`, section `toolcall`) when the
 * client supports it; otherwise whatever `didChangeConfiguration` pushed, else defaults.
 */
export class SettingsStore {
  private readonly byUri = new Map<string, Promise<ToolcallSettings>>();
  private pushed: ToolcallSettings = DEFAULT_SETTINGS;

  /** `pull` is undefined when the client has no configuration capability. */
  constructor(private readonly pull?: (uri: string) => Promise<unknown>) {}

  get(uri: string): Promise<ToolcallSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.pull(uri).then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  /** `didChangeConfiguration`: forget pulled values; keep pushed ones for clients that push. */
  changed(pushedSettings?: unknown): void {
    this.byUri.clear();
    if (pushedSettings !== undefined && pushedSettings !== null) this.pushed = normalizeSettings(pushedSettings);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
