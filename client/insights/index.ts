// Dataset insights in the editor: the report and split commands (registered through
// client/commands/index.ts) and the `toolcall.status` status bar item.
export { InsightsStatusBar } from './statusItem.ts';
export { showReport } from './showReport.ts';
export { splitDatasetCommand } from './splitDataset.ts';
