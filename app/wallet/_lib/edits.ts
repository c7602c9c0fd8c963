// The learner's edits as the wallet service takes them: title and description
// already parsed by the form's schema (lib/wallet/rules.ts), skills from the
// picker's repeated `skills` fields, resolved through the database's skills
// index (server/wallet/form-skills.ts). Used by the add and edit actions.
import { type CredentialEdits, formSkills } from "@/server/wallet";

export async function credentialEdits(
  input: { title: string; description: string },
  formData: FormData,
): Promise<CredentialEdits> {
  return { title: input.title, description: input.description, skills: await formSkills(formData.getAll("skills")) };
}
