import Link from "next/link";
import type { WalletCard } from "@/lib/wallet/types";
import { formatDate } from "../_lib/format";
import { CREDENTIAL_PLACEHOLDER_PATH } from "@/lib/share/url";
import { SkillChips } from "./SkillChips";
import { VerificationStatus } from "./VerificationStatus";

export function cardImageSrc(c: { id: string; hasFile: boolean; imageUrl: string | null }): string | null {
  if (c.hasFile) return `/wallet/c/${c.id}/file`;
  return c.imageUrl;
}

export function CredentialCard({ card }: { card: WalletCard }) {
  const src = cardImageSrc(card);
  const date = formatDate(card.issuedOn ?? card.createdAt);
  return (
    <article
      aria-labelledby={`card-${card.id}`}
      className="flex h-full flex-col gap-2 rounded-lg border border-stone-200 bg-white p-4 shadow-sm"
    >
      <div className="flex items-start gap-3">
        {/* eslint-disable-next-line @next/next/no-img-element -- badge images are the learner's own files or issuer URLs, not build-time assets */}
        <img
          src={src ?? CREDENTIAL_PLACEHOLDER_PATH}
          alt=""
          loading="lazy"
          className="h-16 w-16 shrink-0 rounded object-contain"
        />
        <div className="min-w-0">
          <h3 id={`card-${card.id}`} className="font-semibold">
            <Link href={`/wallet/c/${card.id}`} className="hover:underline">
              {card.title}
            </Link>
          </h3>
          <p className="text-sm text-stone-700">{card.issuerName ?? "Self-asserted"}</p>
          {card.partOf ? (
            <p className="text-sm text-stone-700">
              Part of{" "}
              <Link href={`/wallet/r/${card.partOf.id}`} className="underline">
                {card.partOf.title}
              </Link>
            </p>
          ) : null}
          {date ? (
            <p className="text-sm text-stone-700">
              {card.issuedOn ? "Issued" : "Added"} {date}
            </p>
          ) : null}
        </div>
      </div>
      <SkillChips skills={card.skills} />
      <div className="mt-auto">
        <VerificationStatus status={card.status} />
      </div>
    </article>
  );
}
