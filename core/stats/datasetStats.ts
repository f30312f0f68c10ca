// What a dataset report holds, as plain JSON types: the report builds it (report.ts), the
// hints read it (hints.ts), the server sends it (core/protocol.ts) and the views show it.
import type { Category } from './category.ts';
import type { CostEstimate } from './cost.ts';
import type { DeclarationVariant, ToolCoverage } from './coverage.ts';
import type { DuplicateGroup, NearDuplicateGroup } from './duplicates.ts';
import type { EncodingName } from './tokens.ts';

/** An example over the model's token limit, and by how much. */
export interface OverLimit {
  line: number;
  tokens: number;
  limit: number;
  over: number;
}

/** Validation examples that repeat training examples. Line numbers are of each file. */
export interface Overlap {
  validationExamples: number;
  exact: { validation: number; train: number[] }[];
  near: { validation: number; train: number; similarity: number }[];
}

/**
 * Everything the report shows. Line numbers are 1-based, as editors display them; each list
 * of lines is what the number next to it counts, so a view can jump to them.
 */
export interface DatasetStats {
  model: string;
  encoding: EncodingName;
  examples: number;
  /** Non-blank lines that are not JSON objects with a `messages` array; left out of everything else. */
  invalidLines: number[];
  tokens: {
    total: number;
    min: number;
    max: number;
    mean: number;
    /** Nearest-rank percentiles. */
    p50: number;
    p95: number;
    /** Per-example limit of the model; null when unknown (nothing is then truncated). */
    limit: number | null;
    overLimit: OverLimit[];
    perExample: { line: number; tokens: number }[];
  };
  categories: Record<Category, number>;
  categoryLines: Record<Category, number[]>;
  tools: Record<string, ToolCoverage>;
  unusedTools: string[];
  singleCategoryTools: { name: string; category: Category }[];
  /** Error-recovery examples whose failed call's assistant turn keeps weight 1. */
  weightWarnings: number[];
  duplicates: DuplicateGroup[];
  nearDuplicates: NearDuplicateGroup[];
  /** null without a validation file. */
  overlap: Overlap | null;
  declarationDrift: Record<string, DeclarationVariant[]>;
  cost: CostEstimate;
  hints: string[];
}

/** The numbers the status bar and the launch confirmation show. */
export interface DatasetStatsSummary {
  model: string;
  examples: number;
  tokens: number;
  /** Examples over the model's limit. */
  overLimit: number;
  epochs: number;
  billedTokens: number;
  /** null when no price is known for the model. */
  estimatedUsd: number | null;
}
