// Prettier options chosen to match the code as it was written by hand (double quotes, semicolons, trailing commas,
// parenthesised arrow parameters: Prettier's defaults) so that adopting the formatter changes as few lines as possible.
/** @type {import("prettier").Config} */
const config = {
  printWidth: 120,
  // Never reformat the contents of tagged template literals: the share page's html`…` templates are the exact markup it
  // serves, and re-indenting them would change the bytes of every share page.
  embeddedLanguageFormatting: "off",
};

export default config;
