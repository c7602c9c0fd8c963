// Career pathways: a sequence of roles, each with the skills it asks for.
import { fitPercent, opportunityFit, type JobSkill } from "./opportunity-fit";

export interface PathwayStepSkills {
  role: string;
  skills: ReadonlyArray<{ key: string; name: string }>;
}

export interface StepFit {
  role: string;
  fit: number;
  matched: JobSkill[];
  missing: JobSkill[];
}

export interface PathwayFit {
  steps: StepFit[];
  /** Fit over the union of every step's skills (each skill counted once). */
  overall: number;
  /** Index of the first step not yet fully met, or -1 when the learner meets them all. */
  nextStep: number;
  /** The skills to gain next: what is missing for `nextStep`, in the step's order. */
  nextSkills: JobSkill[];
}

/** Every skill of a pathway step counts (steps have no preferred skills). */
export function pathwayFit(learnerSkillKeys: Iterable<string>, steps: readonly PathwayStepSkills[]): PathwayFit {
  const held = new Set(learnerSkillKeys);
  const toJob = (s: { key: string; name: string }): JobSkill => ({ key: s.key, name: s.name, required: true });
  const stepFits = steps.map((st) => {
    const r = opportunityFit(held, st.skills.map(toJob));
    return { role: st.role, fit: r.fit, matched: r.matched, missing: r.missing };
  });
  const union = new Set(steps.flatMap((st) => st.skills.map((s) => s.key)));
  let have = 0;
  for (const k of union) if (held.has(k)) have++;
  const nextStep = stepFits.findIndex((s) => s.missing.length > 0);
  return {
    steps: stepFits,
    overall: fitPercent(have, union.size),
    nextStep,
    nextSkills: nextStep >= 0 ? stepFits[nextStep].missing : [],
  };
}
