// The learner record's achievement layout (lib/wallet/records.ts): CLR 2.0
// associations nest (isChildOf, isPartOf, isParentOf) and order (precedes).
import { describe, expect, it } from "vitest";
import { achievementTree, type AchievementNode } from "@/lib/wallet/records";

const a = (id: string) => ({ id });
const assoc = (sourceId: string, associationType: string, targetId: string) => ({
  sourceId,
  associationType,
  targetId,
});
function shape(nodes: AchievementNode<{ id: string | null }>[]): unknown[] {
  return nodes.map((n) => (n.children.length ? { [n.achievement.id ?? "?"]: shape(n.children) } : n.achievement.id));
}

describe("achievementTree", () => {
  it("keeps document order when there are no associations", () => {
    expect(shape(achievementTree([a("x"), a("y"), { id: null }], []))).toEqual(["x", "y", null]);
  });

  it("nests by isParentOf, isChildOf and isPartOf", () => {
    const tree = achievementTree(
      [a("course1"), a("program"), a("course2"), a("pathway"), a("course3")],
      [
        assoc("program", "isParentOf", "course1"),
        assoc("course2", "isChildOf", "program"),
        assoc("program", "isPartOf", "pathway"),
        assoc("course3", "isRelatedTo", "program"),
      ],
    );
    expect(shape(tree)).toEqual([{ pathway: [{ program: ["course1", "course2"] }] }, "course3"]);
  });

  it("orders siblings by precedes, document order otherwise", () => {
    const tree = achievementTree(
      [a("p"), a("c3"), a("c1"), a("c2"), a("c4")],
      [
        assoc("c1", "isChildOf", "p"),
        assoc("c2", "isChildOf", "p"),
        assoc("c3", "isChildOf", "p"),
        assoc("c4", "isChildOf", "p"),
        assoc("c1", "precedes", "c2"),
        assoc("c2", "precedes", "c3"),
      ],
    );
    expect(shape(tree)).toEqual([{ p: ["c1", "c2", "c3", "c4"] }]);
  });

  it("ignores loops, unknown ids and second parents", () => {
    const tree = achievementTree(
      [a("x"), a("y"), a("z")],
      [
        assoc("x", "isChildOf", "y"),
        assoc("y", "isChildOf", "x"), // would close a loop
        assoc("x", "isChildOf", "z"), // second parent
        assoc("x", "isChildOf", "nowhere"),
        assoc("z", "precedes", "y"),
        assoc("y", "precedes", "z"), // precedes loop: document order
      ],
    );
    expect(shape(tree)).toEqual([{ y: ["x"] }, "z"]);
  });

  it("puts a licence that isPartOf the program beside its courses", () => {
    // The association shape of 1edtech-dcpv_clr20-complex: a program parent of four courses, and one more isPartOf it.
    const ids = ["prog", "c1", "c2", "c3", "c4", "lic"];
    const tree = achievementTree(ids.map(a), [
      ...["c1", "c2", "c3", "c4"].map((c) => assoc("prog", "isParentOf", c)),
      assoc("lic", "isPartOf", "prog"),
    ]);
    expect(shape(tree)).toEqual([{ prog: ["c1", "c2", "c3", "c4", "lic"] }]);
  });
});
