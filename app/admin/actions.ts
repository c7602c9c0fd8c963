"use server";
// /admin's actions (issue #21 §4): trusted issuers and learners. Each checks the admin again on the
// server (server/admin: notFound() for anyone else) and writes its audit row.
import { z } from "zod";
import { ActionError, authedAction } from "@/server/actions";
import {
  adminAddIssuer,
  adminAddRegistryFile,
  adminAddRegistryUrl,
  adminDeleteLearner,
  adminRemoveIssuer,
  adminSetDisabled,
} from "@/server/admin";

export interface AdminNotice {
  message: string;
}

const done = (message: string): AdminNotice => ({ message });

export const addRegistryUrlAction = authedAction(
  z.object({
    url: z.string().trim().min(1, "Enter the registry's address.").max(2000),
    name: z.string().max(200).optional(),
  }),
  async (input) => {
    const row = await adminAddRegistryUrl(input.url, input.name);
    return done(`Added the registry ${row.name}.`);
  },
);

export const addRegistryFileAction = authedAction(
  z.object({ name: z.string().max(200).optional() }),
  async (input, _user, formData) => {
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0)
      throw new ActionError("INVALID_INPUT", "Choose a registry file.", { file: "Choose a registry file." });
    if (file.size > 10 * 1024 * 1024) throw new ActionError("FILE_TOO_LARGE", "Registry files can be up to 10 MB.");
    const row = await adminAddRegistryFile(file.name, await file.text(), input.name);
    return done(`Added the registry ${row.name}.`);
  },
);

export const addIssuerAction = authedAction(
  z.object({
    issuer: z.string().trim().min(1, "Enter the issuer's DID or address.").max(2000),
    name: z.string().trim().min(1, "Give the issuer a name.").max(200),
  }),
  async (input) => {
    const row = await adminAddIssuer(input.issuer, input.name);
    return done(`Added ${row.name} to the trusted issuers.`);
  },
);

export const removeIssuerAction = authedAction(z.object({ id: z.string().uuid() }), async (input) => {
  if (!(await adminRemoveIssuer(input.id))) throw new ActionError("NOT_FOUND", "That entry was already removed.");
  return done("Removed.");
});

export const setDisabledAction = authedAction(
  z.object({ id: z.string().uuid(), disabled: z.enum(["1", "0"]) }),
  async (input) => {
    const row = await adminSetDisabled(input.id, input.disabled === "1");
    return done(`${row.disabled ? "Disabled" : "Enabled"} ${row.email}.`);
  },
);

export const deleteLearnerAction = authedAction(
  z.object({ id: z.string().uuid(), confirm: z.literal("delete", { message: "Type delete to confirm." }) }),
  async (input) => {
    const gone = await adminDeleteLearner(input.id);
    return done(`Deleted the learner and ${gone.credentials} credential(s).`);
  },
);
