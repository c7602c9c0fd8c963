import Link from "next/link";
import { getCurrentUser } from "@/server/auth/session";
import { SignOutButton } from "./SignOutButton";

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
              <Link href="/wallet" className="hover:underline">
                Wallet
              </Link>
              <Link href="/jobs" className="hover:underline">
                Jobs
              </Link>
              <Link href="/pathways" className="hover:underline">
                Pathways
              </Link>
              <Link href="/account" className="hover:underline">
                Account
              </Link>
              <span className="hidden text-stone-600 sm:inline" aria-label="Signed in as">
                {user.name}
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/jobs" className="hover:underline">
                Jobs
              </Link>
              <Link href="/sign-in" className="hover:underline">
                Sign in
              </Link>
              <Link href="/sign-up" className="rounded bg-sash-700 px-3 py-1.5 font-medium text-white hover:bg-sash-800">
                Create account
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
