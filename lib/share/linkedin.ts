// LinkedIn "Add to profile" link for a certification. The parameters are the
// ones LinkedIn documents for its Add to Profile certification flow:
// startTask=CERTIFICATION_NAME, name, organizationName / organizationId,
// issueYear, issueMonth, expirationYear, expirationMonth, certUrl, certId.

export interface LinkedInCertification {
  name: string;
  organizationName: string | null;
  issuedOn: Date | null;
  expires: Date | null;
  certUrl: string;
  certId: string | null;
}

export function linkedInAddToProfileUrl(c: LinkedInCertification): string {
  const u = new URL("https://www.linkedin.com/profile/add");
  const p = u.searchParams;
  p.set("startTask", "CERTIFICATION_NAME");
  p.set("name", c.name.slice(0, 200));
  if (c.organizationName) p.set("organizationName", c.organizationName.slice(0, 200));
  if (c.issuedOn && !Number.isNaN(c.issuedOn.getTime())) {
    p.set("issueYear", String(c.issuedOn.getUTCFullYear()));
    p.set("issueMonth", String(c.issuedOn.getUTCMonth() + 1));
  }
  if (c.expires && !Number.isNaN(c.expires.getTime())) {
    p.set("expirationYear", String(c.expires.getUTCFullYear()));
    p.set("expirationMonth", String(c.expires.getUTCMonth() + 1));
  }
  p.set("certUrl", c.certUrl);
  if (c.certId) p.set("certId", c.certId.slice(0, 200));
  return u.toString();
}
