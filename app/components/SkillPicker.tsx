"use client";
// Skill picker for forms: a combobox over the skills library (labels and
// aliases), chips for the chosen skills, and "add as custom skill" when
// nothing fits. Each chip submits a hidden input named `name` (default
// "skills"), so a surrounding <form> gets them: `{"id","label"}` as JSON for a
// skill chosen from the list (the server trusts the id only if its skills
// index holds it, else it resolves the label), the plain label for a custom one.
// Pattern: WAI-ARIA APG "Editable Combobox With List Autocomplete".
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { normalizeSkillText } from "@/lib/skills/normalize";

export interface PickedSkill {
  label: string;
  skillId: string | null;
}

interface Suggestion {
  id: string;
  label: string;
  category: string;
  source: string;
  matchedAlias: string | null;
}

type Option = { kind: "skill"; suggestion: Suggestion } | { kind: "custom"; text: string };

export interface SkillPickerProps {
  /** Name of the hidden inputs (one per chip). */
  name?: string;
  initial?: PickedSkill[];
  /** Visible label text. */
  label?: string;
  /** Called whenever the chips change. */
  onChange?: (skills: PickedSkill[]) => void;
  /** Route answering GET ?q= with suggestions. */
  endpoint?: string;
}

export function SkillPicker({
  name = "skills",
  initial = [],
  label = "Skills",
  onChange,
  endpoint = "/api/skills",
}: SkillPickerProps) {
  const baseId = useId();
  const inputId = `${baseId}-input`;
  const listId = `${baseId}-list`;
  const hintId = `${baseId}-hint`;
  const [chips, setChips] = useState<PickedSkill[]>(() => dedupe(initial));
  const [text, setText] = useState("");
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);

  // Fetch suggestions as the learner types (debounced; stale answers dropped).
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setSuggestions([]); // eslint-disable-line react-hooks/set-state-in-effect -- an emptied box drops the last query's suggestions at once, not after a debounce
      return;
    }
    const ctrl = new AbortController();
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the callback catches every error itself, so its promise never rejects
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`${endpoint}?q=${encodeURIComponent(q)}&limit=8`, {
          signal: ctrl.signal,
          headers: { accept: "application/json" },
        });
        const body = res.ok ? ((await res.json()) as Suggestion[]) : [];
        setSuggestions(Array.isArray(body) ? body : []);
      } catch (e) {
        if ((e as Error).name !== "AbortError") setSuggestions([]);
      }
    }, 120);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text, endpoint]);

  const options: Option[] = useMemo(() => {
    const q = text.trim();
    if (!q) return [];
    const chosen = new Set(chips.map((c) => c.skillId).filter(Boolean));
    const list: Option[] = suggestions.filter((s) => !chosen.has(s.id)).map((s) => ({ kind: "skill", suggestion: s }));
    // Offer a custom skill unless the text already names a suggestion exactly.
    const norm = normalizeSkillText(q);
    const exact = suggestions.some(
      (s) => normalizeSkillText(s.label) === norm || (s.matchedAlias && normalizeSkillText(s.matchedAlias) === norm),
    );
    if (norm && !exact) list.push({ kind: "custom", text: q });
    return list;
  }, [text, suggestions, chips]);

  useEffect(() => {
    setActive((a) => (a >= options.length ? options.length - 1 : a)); // eslint-disable-line react-hooks/set-state-in-effect -- keeps the highlighted option and the live-region count in step with the new options
    if (text.trim()) {
      const n = options.filter((o) => o.kind === "skill").length;
      setStatus(
        n
          ? `${n} skill${n === 1 ? "" : "s"} found. Use the up and down arrows to choose.`
          : "No library skill matches. You can add it as a custom skill.",
      );
    }
  }, [options, text]);

  function update(next: PickedSkill[]) {
    setChips(next);
    onChange?.(next);
  }

  function choose(option: Option) {
    const skill: PickedSkill =
      option.kind === "skill"
        ? { label: option.suggestion.label, skillId: option.suggestion.id }
        : { label: option.text.trim(), skillId: null };
    const norm = normalizeSkillText(skill.label);
    if (!chips.some((c) => (skill.skillId && c.skillId === skill.skillId) || normalizeSkillText(c.label) === norm)) {
      update([...chips, skill]);
      setStatus(`Added ${skill.label}.`);
    } else {
      setStatus(`${skill.label} is already in the list.`);
    }
    setText("");
    setSuggestions([]);
    setOpen(false);
    setActive(-1);
    inputRef.current?.focus();
  }

  function remove(index: number) {
    const removed = chips[index];
    update(chips.filter((_, i) => i !== index));
    setStatus(`Removed ${removed.label}.`);
    inputRef.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const expanded = open && options.length > 0;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        setOpen(true);
        setActive((a) => (options.length ? (a + 1) % options.length : -1));
        break;
      case "ArrowUp":
        e.preventDefault();
        setOpen(true);
        setActive((a) => (options.length ? (a <= 0 ? options.length - 1 : a - 1) : -1));
        break;
      case "Enter":
        // Never submit the surrounding form from the search box.
        if (text.trim()) e.preventDefault();
        if (expanded) choose(options[active >= 0 ? active : 0]);
        break;
      case "Escape":
        if (expanded) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text) {
          e.preventDefault();
          setText("");
        }
        break;
      case "Backspace":
        if (!text && chips.length) remove(chips.length - 1);
        break;
    }
  }

  const expanded = open && options.length > 0;
  const optionId = (i: number) => `${baseId}-opt-${i}`;

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="font-medium">
        {label}
      </label>
      <p id={hintId} className="text-sm text-stone-600">
        Type to search the skills library; press Enter to add. Anything not in the library can be added as your own
        skill.
      </p>

      {chips.length ? (
        <ul className="flex flex-wrap gap-2" aria-label={`Selected ${label.toLowerCase()}`}>
          {chips.map((chip, i) => (
            <li
              key={`${chip.skillId ?? "custom"}:${chip.label}`}
              className="inline-flex items-center gap-1 rounded-full border border-teal-700 bg-teal-50 py-0.5 pl-3 pr-1 text-sm text-teal-950"
            >
              <span>{chip.label}</span>
              {chip.skillId ? null : <span className="text-xs text-stone-600">(custom)</span>}
              <button
                type="button"
                onClick={() => remove(i)}
                aria-label={`Remove ${chip.label}`}
                className="ml-1 inline-flex h-6 w-6 items-center justify-center rounded-full text-teal-900 hover:bg-teal-100 focus:outline-2 focus:outline-offset-1 focus:outline-teal-700"
              >
                <span aria-hidden="true">×</span>
              </button>
              <input type="hidden" name={name} value={chipValue(chip)} />
            </li>
          ))}
        </ul>
      ) : null}

      <div className="relative">
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-describedby={hintId}
          autoComplete="off"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => text && setOpen(true)}
          onBlur={() => setOpen(false)}
          className="w-full rounded border border-stone-400 bg-white px-3 py-2"
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label} suggestions`}
          hidden={!expanded}
          className="absolute z-10 mt-1 max-h-72 w-full overflow-auto rounded border border-stone-300 bg-white py-1 shadow-lg"
        >
          {options.map((option, i) => (
            <li
              key={option.kind === "skill" ? option.suggestion.id : `custom:${option.text}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // mousedown, not click: keep focus in the input so blur doesn't close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}
              onMouseMove={() => setActive(i)}
              className={`cursor-pointer px-3 py-2 ${i === active ? "bg-teal-100 text-teal-950" : "text-stone-900"}`}
            >
              {option.kind === "skill" ? (
                <>
                  <span className="font-medium">{option.suggestion.label}</span>
                  {option.suggestion.matchedAlias ? (
                    <span className="ml-2 text-sm text-stone-600">{`matches "${option.suggestion.matchedAlias}"`}</span>
                  ) : null}
                  <span className="block text-xs text-stone-500">{option.suggestion.category}</span>
                </>
              ) : (
                <span>{`Add "${option.text}" as custom skill`}</span>
              )}
            </li>
          ))}
        </ul>
      </div>
      <p aria-live="polite" className="sr-only">
        {status}
      </p>
    </div>
  );
}

/** What a chip submits: the chosen skill's id with its label, or the custom skill's text. */
function chipValue(chip: PickedSkill): string {
  return chip.skillId ? JSON.stringify({ id: chip.skillId, label: chip.label }) : chip.label;
}

function dedupe(list: PickedSkill[]): PickedSkill[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = s.skillId ?? `custom:${normalizeSkillText(s.label)}`;
    if (!s.label.trim() || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
