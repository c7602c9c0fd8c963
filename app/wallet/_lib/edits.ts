// The learner's edits as the wallet service takes them: title and description
// already parsed by the form's schema (lib/wallet/rules.ts), skills from the
// picker's repeated `skills` fields. Used by the add and edit actions.
import type { CredentialEdits } from "@/server/wallet/import";
import { skillsFromForm } from "@/server/wallet/skills";

export function credentialEdits(input: { title: string; description: string }, formData: FormData): CredentialEdits {
  return { title: input.title, description: input.description, skills: skillsFromForm(formData.getAll("skills")) };
}
