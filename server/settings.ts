import { DEFAULT_SETTINGS, type ToolcallSettings } from '../core/protocol.ts';
import { normalizeSettings } from '../core/settings/validationSettings.ts';

/**
 * Settings per resource. Pull model (`workspace/configuration`, section `toolcall`) when the
 * client supports it; otherwise whatever `didChangeConfiguration` pushed, else defaults.
 */
export class SettingsStore {
  private readonly byUri = new Map<string, Promise<ToolcallSettings>>();
  private pushed: ToolcallSettings = DEFAULT_SETTINGS;
  /** The settings a pull last answered, for any resource (cleared when they change). */
  private latest: ToolcallSettings | undefined;

  /** `pull` is undefined when the client has no configuration capability. */
  constructor(private readonly pull?: (uri: string) => Promise<unknown>) {}

  get(uri: string): Promise<ToolcallSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let settings = this.byUri.get(uri);
    if (!settings) {
      const pulled = this.pull(uri).then(normalizeSettings, () => DEFAULT_SETTINGS);
      settings = pulled.then((value) => {
        if (this.byUri.get(uri) === settings) this.latest = value;
        return value;
      });
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  /**
   * What `get(uri)` will most likely answer, known now: the settings last pulled for any
   * resource (documents of one workspace mostly share them), else the pushed ones or defaults.
   * For work begun before the answer (checkAhead.ts), which is redone when the answer differs.
   */
  guess(): ToolcallSettings {
    return this.latest ?? this.pushed;
  }

  /** `didChangeConfiguration`: forget pulled values; keep pushed ones for clients that push. */
  changed(pushedSettings?: unknown): void {
    this.byUri.clear();
    this.latest = undefined;
    if (pushedSettings !== undefined && pushedSettings !== null) this.pushed = normalizeSettings(pushedSettings);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
