// Server-rendered markup of the skill picker: the combobox wiring, chips with
// labelled remove buttons, and one hidden input per chip for the form.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SkillPicker } from "@/app/components/SkillPicker";

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
    expect(html.match(/<input type="hidden" name="skills" value="[^"]*"\/>/g)).toEqual([
      '<input type="hidden" name="skills" value="Microsoft Excel"/>',
      '<input type="hidden" name="skills" value="Basket weaving"/>',
    ]);
    expect(html).toContain("(custom)");
    expect(html).toMatch(/>Badge skills<\/label>/);
  });
});
