// A link taken from badge data: only http(s) becomes a link (else plain text),
// and it never passes on the referrer or window.opener.
import type { ReactNode } from "react";
import { safeHttpUrl } from "@/lib/share/url";

export function ExternalLink({
  href,
  className,
  children,
}: {
  href: string | null | undefined;
  className?: string;
  children: ReactNode;
}) {
  const safe = safeHttpUrl(href);
  if (!safe) return <>{children}</>;
  return (
    <a
      href={safe}
      rel="nofollow noopener noreferrer"
      target="_blank"
      className={className ? `underline ${className}` : "underline"}
    >
      {children}
    </a>
  );
}
