// Precision and recall of matchSkill over a gold set of (free text → expected
// library skill id or null). Used by the gold test and bench:skills.
import type { SkillIndex } from "./skill-index";
import { matchSkillIn } from "./skill-index";

export interface GoldPair {
  text: string;
  expected: string | null;
}

export interface GoldReport {
  pairs: number;
  /** Pairs whose expected answer is a library skill. */
  positives: number;
  truePositives: number;
  /** Accepted matches to the wrong skill, or to a skill where none was expected. */
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  errors: Array<{ text: string; expected: string | null; got: string | null; confidence: number }>;
}

export function evaluateGold(index: SkillIndex, pairs: readonly GoldPair[]): GoldReport {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const errors: GoldReport["errors"] = [];
  for (const p of pairs) {
    const m = matchSkillIn(index, p.text);
    const got = m.skill?.id ?? null;
    if (got === p.expected) {
      if (got) tp++;
    } else {
      if (got) fp++;
      if (p.expected) fn++;
      errors.push({ text: p.text, expected: p.expected, got, confidence: Math.round(m.confidence * 100) / 100 });
    }
  }
  const positives = pairs.filter((p) => p.expected).length;
  return {
    pairs: pairs.length,
    positives,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: positives ? tp / positives : 1,
    errors,
  };
}
