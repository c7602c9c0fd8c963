// GET /api/skills?q=exc&limit=10 — type-ahead for the skill picker: library
// and imported skills whose label or alias starts with the words typed, each
// with its preferred label and the alias that matched. Signed-in learners only.
import { NextResponse } from "next/server";
import { jsonError, route } from "@/server/http";
import { suggestSkills } from "@/server/skills";

export const dynamic = "force-dynamic";

/** One picker suggestion, as the route returns it. */
interface SkillSuggestion {
  id: string;
  label: string;
  category: string;
  source: string;
  /** The alias the query matched, or null when it matched the preferred label. */
  matchedAlias: string | null;
}

export const GET = route(
  {
    auth: "learner",
    sameOrigin: false,
    where: "skill suggestions",
    unauthenticated: () => jsonError(401, "UNAUTHENTICATED", "Sign in to search the skills library."),
  },
  async (req) => {
    const params = new URL(req.url).searchParams;
    const q = (params.get("q") ?? "").slice(0, 120);
    const limit = Math.min(25, Math.max(1, Math.trunc(Number(params.get("limit"))) || 10));
    const hits = await suggestSkills(q, limit);
    const body: SkillSuggestion[] = hits.map(({ id, label, category, source, matchedAlias }) => ({
      id,
      label,
      category,
      source,
      matchedAlias,
    }));
    return NextResponse.json(body, { headers: { "Cache-Control": "private, max-age=60" } });
  },
);
