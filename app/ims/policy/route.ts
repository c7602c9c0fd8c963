// GET /ims/policy: the terms and privacy policy for connected applications the discovery documents link to.
import { route } from "@/server/http";
import { imsPolicyPage } from "@/server/ims";

export const GET = route({ auth: "public", sameOrigin: false, where: "ims.policy", errors: "page" }, async () =>
  imsPolicyPage(),
);
