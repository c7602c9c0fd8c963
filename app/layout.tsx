import type { Metadata, Viewport } from "next";
import Link from "next/link";
import "./globals.css";
import { SiteHeader } from "./components/SiteHeader";

export const metadata: Metadata = {
  title: { default: "Sash — your learner credential wallet", template: "%s · Sash" },
  description: "Keep your Open Badges and credentials in one place, share them, and see which jobs they open.",
  // The files are in public/ (favicon.svg is the drawing; the PNGs and the .ico are rasterised from it).
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/favicon.svg", type: "image/svg+xml" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
  manifest: "/site.webmanifest",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#17563f" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-stone-50 text-stone-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        <SiteHeader />
        <div id="main">{children}</div>
        <footer className="mx-auto max-w-5xl px-4 py-8 text-sm text-stone-600">
          <p>
            Sash is open-source software for learners.{" "}
            <Link className="underline" href="/jobs">
              Browse jobs
            </Link>{" "}
            ·{" "}
            <Link className="underline" href="/pathways">
              Career pathways
            </Link>
          </p>
        </footer>
      </body>
    </html>
  );
}
