import type { CredentialSkill } from "@/lib/wallet/types";

/** Read-only skill chips; custom skills say so. */
export function SkillChips({ skills, label = "Skills" }: { skills: CredentialSkill[]; label?: string }) {
  if (!skills.length) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {skills.map((s) => (
        <li
          key={s.skillKey}
          className="rounded-full border border-sash-600 bg-sash-50 px-2 py-0.5 text-sm text-sash-800"
        >
          {s.name}
          {s.skillKey.startsWith("custom:") ? <span className="sr-only"> (your own skill)</span> : null}
        </li>
      ))}
    </ul>
  );
}
