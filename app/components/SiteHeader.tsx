import Link from "next/link";
import { getCurrentUser } from "@/server/auth";
import { SignOutButton } from "./SignOutButton";

const SIGNED_IN_LINKS = [
  { href: "/wallet", label: "Wallet" },
  { href: "/jobs", label: "Jobs" },
  { href: "/pathways", label: "Pathways" },
  { href: "/account", label: "Account" },
];
const SIGNED_OUT_LINKS = [
  { href: "/jobs", label: "Jobs" },
  { href: "/sign-in", label: "Sign in" },
];

function NavLinks({ links }: { links: { href: string; label: string }[] }) {
  return links.map((l) => (
    <Link key={l.href} href={l.href} className="hover:underline">
      {l.label}
    </Link>
  ));
}

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        <Link href={user ? "/wallet" : "/"} className="text-xl font-bold text-sash-700">
          Sash
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
          {user ? (
            <>
              <NavLinks links={SIGNED_IN_LINKS} />
              <span className="hidden text-stone-600 sm:inline" aria-label="Signed in as">
                {user.name}
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <NavLinks links={SIGNED_OUT_LINKS} />
              <Link
                href="/sign-up"
                className="rounded bg-sash-700 px-3 py-1.5 font-medium text-white hover:bg-sash-800"
              >
                Create account
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
