// The app's configured public origin (NEXTAUTH_URL), never one taken from request
// headers a client or an unvetted proxy could write.
export function publicOrigin(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      /* fall through to the default */
    }
  }
  return `http://localhost:${env.PORT || 3000}`;
}
