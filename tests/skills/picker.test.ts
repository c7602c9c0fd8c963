// Server-rendered markup of the skill picker: the combobox wiring, chips with
// labelled remove buttons, and one hidden input per chip for the form.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SkillPicker } from "@/app/components/SkillPicker";
import { buildSkillIndex, LIBRARY_SKILLS } from "@/lib/skills";
import { skillsFromForm } from "@/server/wallet/skills";

/** The values a form would post for the picker's hidden inputs. */
function postedValues(html: string): string[] {
  return [...html.matchAll(/<input type="hidden" name="skills" value="([^"]*)"\/>/g)].map((m) =>
    m[1]
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&"),
  );
}

function render(props: Parameters<typeof SkillPicker>[0]) {
  const html = renderToStaticMarkup(createElement(SkillPicker, props));
  return html;
}

describe("SkillPicker markup", () => {
  it("is a labelled combobox controlling a listbox", () => {
    const html = render({});
    const input = /<input[^>]*role="combobox"[^>]*>/.exec(html)?.[0] ?? "";
    expect(input).toContain('aria-expanded="false"');
    expect(input).toContain('aria-autocomplete="list"');
    const controls = /aria-controls="([^"]+)"/.exec(input)?.[1];
    const id = /id="([^"]+)"/.exec(input)?.[1];
    expect(html).toContain(`<label for="${id}"`);
    expect(html).toMatch(/>Skills<\/label>/);
    expect(html).toMatch(new RegExp(`<ul id="${controls}" role="listbox"`));
  });

  it("renders initial skills as chips with remove buttons and hidden inputs", () => {
    const html = render({
      name: "skills",
      label: "Badge skills",
      initial: [
        { label: "Microsoft Excel", skillId: "microsoft-excel" },
        { label: "Basket weaving", skillId: null },
        { label: "basket  weaving!", skillId: null },
      ],
    });
    expect(html).toContain('aria-label="Remove Microsoft Excel"');
    expect(html).toContain('aria-label="Remove Basket weaving"');
    // A chosen skill posts its id with its label; a custom one its text.
    expect(html.match(/<input type="hidden" name="skills" value="[^"]*"\/>/g)).toEqual([
      '<input type="hidden" name="skills" value="{&quot;id&quot;:&quot;microsoft-excel&quot;,&quot;label&quot;:&quot;Microsoft Excel&quot;}"/>',
      '<input type="hidden" name="skills" value="Basket weaving"/>',
    ]);
    expect(html).toContain("(custom)");
    expect(html).toMatch(/>Badge skills<\/label>/);
  });

  it("posts ids the server checks against its index: an imported pick keeps its id, an unknown id falls back to its label", () => {
    const index = buildSkillIndex([
      ...LIBRARY_SKILLS.map((x) => ({ ...x, source: "sash" })),
      { id: "esco:0000-test", label: "calibrate glass furnaces", category: "ESCO skill", source: "esco", aliases: [] },
    ]);
    const html = render({
      initial: [
        { label: "calibrate glass furnaces", skillId: "esco:0000-test" },
        { label: "MS Excel", skillId: "esco:not-in-this-database" },
        { label: "Tampered", skillId: "custom:sneaky" },
        { label: "Basket weaving", skillId: null },
      ],
    });
    expect(skillsFromForm(postedValues(html), index)).toEqual([
      { name: "calibrate glass furnaces", skillKey: "esco:0000-test", skillId: "esco:0000-test" },
      { name: "Microsoft Excel", skillKey: "microsoft-excel", skillId: "microsoft-excel" },
      { name: "Tampered", skillKey: "custom:tampered", skillId: null },
      { name: "Basket weaving", skillKey: "custom:basket weaving", skillId: null },
    ]);
    // Without the imported skill in the index, the same pick is resolved by its label (here: custom).
    expect(skillsFromForm(postedValues(html))[0]).toEqual({
      name: "calibrate glass furnaces",
      skillKey: "custom:calibrate glass furnace",
      skillId: null,
    });
  });
});
