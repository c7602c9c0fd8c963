"use server";
// The consent page's answer (issue #22 §1): checks the authorization request again (nothing in the form is trusted),
// then "Allow" records the grant and sends the learner back with `code` and `state`, "Deny" with `error=access_denied`.
import { redirect } from "next/navigation";
import { z } from "zod";
import { learnerWording } from "@/lib/errors";
import { ActionError, authedAction } from "@/server/actions";
import { authorizationResponseUrl, checkAuthorizationRequest, grantAuthorization } from "@/server/oauth";

const s = z.string().max(4000).optional();

export const answerAuthorizationAction = authedAction(
  z.object({
    decision: z.enum(["allow", "deny"]),
    response_type: s,
    client_id: s,
    redirect_uri: s,
    scope: s,
    state: s,
    code_challenge: s,
    code_challenge_method: s,
  }),
  async (input, user): Promise<never> => {
    const check = await checkAuthorizationRequest(input);
    if (check.kind === "error-page") throw new ActionError(check.code, learnerWording(check.code) ?? check.code);
    if (check.kind === "redirect") redirect(check.location);
    if (input.decision === "deny")
      redirect(
        authorizationResponseUrl(check.redirectUri, {
          error: "access_denied",
          error_description: "The learner denied the request",
          state: check.state,
        }),
      );
    const code = await grantAuthorization({
      userId: user.id,
      clientId: check.client.clientId,
      redirectUri: check.redirectUri,
      scopes: check.scopes.map((x) => x.uri),
      codeChallenge: check.codeChallenge,
      state: check.state,
    });
    redirect(authorizationResponseUrl(check.redirectUri, { code, state: check.state }));
  },
);
