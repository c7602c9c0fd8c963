// Public API of the skills taxonomy importers (ESCO, O*NET, Lightcast).
export * from "./types";
export { parseEscoCsv } from "./esco";
export { parseOnetText } from "./onet";
export { parseLightcastJson } from "./lightcast";
export { IMPORT_FORMATS, parseSkillsFile } from "./formats";
