// The "Back to …" link above a page's heading.
import Link from "next/link";

export function BackLink({
  href,
  className = "mb-4",
  children,
}: {
  href: string;
  className?: string;
  children: string;
}) {
  return (
    <p className={`${className} text-sm`}>
      <Link href={href} className="underline">
        {children}
      </Link>
    </p>
  );
}
