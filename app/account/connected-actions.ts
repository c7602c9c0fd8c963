"use server";
// "Disconnect" of /account's Connected applications (issue #22 §1): revokes every grant and token of the application
// for this learner at once.
import { z } from "zod";
import { authedAction } from "@/server/actions";
import { refreshAccountPage } from "@/server/account";
import { disconnectApp } from "@/server/oauth";

export const disconnectAppAction = authedAction(
  z.object({ clientId: z.string().uuid({ message: "This application isn't connected." }) }),
  async (input, user): Promise<{ message: string }> => {
    const gone = await disconnectApp(user.id, input.clientId);
    refreshAccountPage();
    return {
      message: gone
        ? "Disconnected: the application can no longer use your wallet."
        : "This application was already disconnected.",
    };
  },
);
