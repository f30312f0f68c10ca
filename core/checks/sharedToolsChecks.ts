// The shared tools file (`toolcall.toolsFile`, `--tools`): TC705 when it cannot be used at
// all, TC706 when its declarations have problems. Both sit at the start of the first line.
import type { Finding } from './findings.ts';

/** TC705: the tools file cannot be used; `reason` is what reading it said (core/dataset/toolsFile.ts). */
export function toolsFileUnusable(reason: string, toolsPath: string): Finding {
  return { code: 'TC705', message: reason, target: { path: [], span: { start: 0, end: 0 } }, data: { toolsFile: toolsPath } };
}

/** TC706: problems of the shared tools file's own declarations, said once; undefined when there are none. */
export function sharedToolsProblems(findings: readonly Finding[]): Finding | undefined {
  if (findings.length === 0) return undefined;
  const more = findings.length > 1 ? ` (and ${findings.length - 1} more)` : '';
  return {
    code: 'TC706',
    message: `The shared tools file has problems${more}: ${findings[0]!.message} Open the tools file to see them all.`,
    target: { path: [], span: { start: 0, end: 0 } },
  };
}
