// A page section named by its own heading (aria-labelledby), the shape most pages repeat.
import type { ReactNode } from "react";

export function Section({
  headingId,
  title,
  className,
  headingClassName = "text-xl font-semibold",
  children,
}: {
  headingId: string;
  title: ReactNode;
  className?: string;
  headingClassName?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className={className}>
      <h2 id={headingId} className={headingClassName}>
        {title}
      </h2>
      {children}
    </section>
  );
}
