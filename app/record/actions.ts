"use server";
// The portfolio's share link (/record, issue #13 §5): on, off, or a new link. Plain
// form actions (they work before any JavaScript loads); each goes through the
// signed-in learner, so only their own portfolio's link changes.
import { requireUser } from "@/server/auth";
import { refreshPortfolioPage, renewPortfolioLink, setPortfolioSharing } from "@/server/portfolio";

export async function setRecordSharingAction(formData: FormData): Promise<void> {
  const user = await requireUser("/record");
  await setPortfolioSharing(user, formData.get("enabled") === "on");
  refreshPortfolioPage();
}

export async function renewRecordLinkAction(): Promise<void> {
  const user = await requireUser("/record");
  await renewPortfolioLink(user);
  refreshPortfolioPage();
}
