// The course and pathway catalogue as reference data supplies it (data/courses.ts,
// data/pathways.ts), before skill names are resolved to keys.

export interface CatalogueCourse {
  id: string;
  title: string;
  provider: string;
  kind: "course" | "credential";
  length: string;
  cost: string;
  url: string | null;
  description: string;
  skills: string[];
}

export interface CataloguePathway {
  id: string;
  title: string;
  description: string;
  steps: Array<{ role: string; description: string; skills: string[] }>;
}
