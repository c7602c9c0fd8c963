"use client";
// The Skills field of the wallet forms: the shared SkillPicker (issue #5),
// seeded with the credential's chips. It posts one hidden `skills` input per
// chip (the label); the server re-resolves each against the library.
import { SkillPicker } from "@/app/components/SkillPicker";
import type { CredentialSkill } from "@/lib/wallet/types";

export function SkillsField({ initial, name = "skills" }: { initial: CredentialSkill[]; name?: string }) {
  return (
    <SkillPicker name={name} label="Skills" initial={initial.map((s) => ({ label: s.name, skillId: s.skillId }))} />
  );
}
