"use client";
// The Skills field of the wallet forms: chips (from the badge or typed) that post
// hidden inputs named `skills`. The server re-resolves each against the library.
import { useId, useState, type KeyboardEvent } from "react";
import type { CredentialSkill } from "@/db/queries/credentials";

export function SkillsField({ initial, name = "skills" }: { initial: CredentialSkill[]; name?: string }) {
  const [chips, setChips] = useState<CredentialSkill[]>(initial);
  const [text, setText] = useState("");
  const [note, setNote] = useState("");
  const id = useId();

  function add() {
    const label = text.trim();
    if (!label) return;
    const key = `custom:${label.toLowerCase()}`;
    if (chips.some((c) => c.name.toLowerCase() === label.toLowerCase())) {
      setNote(`${label} is already listed.`);
    } else {
      setChips([...chips, { name: label, skillKey: key, skillId: null }]);
      setNote(`Added ${label}.`);
    }
    setText("");
  }

  function remove(i: number) {
    const gone = chips[i]!;
    setChips(chips.filter((_, j) => j !== i));
    setNote(`Removed ${gone.name}.`);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter") {
      e.preventDefault();
      add();
    }
  }

  return (
    <fieldset className="flex min-w-0 flex-col gap-2">
      <legend className="font-medium">Skills</legend>
      {chips.length ? (
        <ul className="flex flex-wrap gap-1.5" aria-label="Chosen skills">
          {chips.map((c, i) => (
            <li key={c.skillKey} className="flex items-center gap-1 rounded-full border border-sash-600 bg-sash-50 py-0.5 pl-2 pr-1 text-sm text-sash-800">
              <span>
                {c.name}
                {c.skillId ? null : <span className="text-stone-600"> (custom)</span>}
              </span>
              <button
                type="button"
                onClick={() => remove(i)}
                aria-label={`Remove ${c.name}`}
                className="rounded-full px-1.5 leading-5 hover:bg-sash-100"
              >
                ×
              </button>
              <input type="hidden" name={name} value={JSON.stringify(c)} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-stone-600">No skills yet.</p>
      )}
      <div className="flex flex-wrap gap-2">
        <label htmlFor={`${id}-add`} className="sr-only">
          Add a skill
        </label>
        <input
          id={`${id}-add`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Add a skill, e.g. Microsoft Excel"
          maxLength={120}
          className="min-w-0 flex-1 rounded border border-stone-400 bg-white px-3 py-2"
        />
        <button type="button" onClick={add} className="rounded border border-stone-400 bg-white px-3 py-2 hover:bg-stone-100">
          Add skill
        </button>
      </div>
      <p aria-live="polite" className="sr-only">
        {note}
      </p>
    </fieldset>
  );
}
