"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/server/actions";
import { dismissNotice } from "@/server/reverify/notices";

export const dismissNoticeAction = authedAction(z.object({ id: z.uuid() }), async ({ id }, user): Promise<null> => {
  await dismissNotice(user, id);
  revalidatePath("/wallet");
  return null;
});
