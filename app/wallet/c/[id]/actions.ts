"use server";
// Server actions of the credential page: edit, delete, verify again.
// Each finds only the signed-in learner's credential; anyone else's id is "not found".
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction, ActionError } from "@/server/actions";
import { editCredential, removeCredential, reverifyCredential, WalletError } from "@/server/wallet/import";
import { skillsFromForm } from "@/server/wallet/skills";
import { revalidateShare } from "@/server/share/revalidate";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { walletContext } from "@/server/wallet/context";

const NOT_FOUND = "This credential isn't in your wallet.";
const id = z.string().uuid({ message: NOT_FOUND });

export const editCredentialAction = authedAction(
  z.object({
    id,
    title: z.string().trim().min(1, "Give the credential a title.").max(200, "Keep the title under 200 characters."),
    description: z.string().max(10_000, "Keep the description under 10,000 characters.").optional().default(""),
  }),
  async (input, user, formData): Promise<null> => {
    let res: { shareSlug: string } | null;
    try {
      res = await editCredential(await walletContext(user), input.id, {
        title: input.title,
        description: input.description,
        skills: skillsFromForm(formData.getAll("skills")),
      });
    } catch (e) {
      if (e instanceof WalletError) throw new ActionError(e.code, e.message);
      throw e;
    }
    if (!res) throw new ActionError("NOT_FOUND", NOT_FOUND);
    revalidateShare(res.shareSlug);
    revalidatePath("/wallet");
    redirect(`/wallet/c/${input.id}`);
  },
);

export const deleteCredentialAction = authedAction(z.object({ id }), async (input, user): Promise<null> => {
  const res = await removeCredential(await walletContext(user), input.id);
  if (!res) throw new ActionError("NOT_FOUND", NOT_FOUND);
  revalidateShare(res.shareSlug);
  revalidatePath("/wallet");
  redirect("/wallet");
});

export const verifyAgainAction = authedAction(z.object({ id }), async (input, user): Promise<VerificationReport> => {
  const res = await reverifyCredential(await walletContext(user), input.id);
  if (!res) throw new ActionError("NOT_FOUND", NOT_FOUND);
  revalidateShare(res.shareSlug);
  revalidatePath(`/wallet/c/${input.id}`);
  revalidatePath("/wallet");
  return res.report;
});
