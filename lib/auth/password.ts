import bcrypt from "bcryptjs";

// Cost 11 keeps a login under ~150 ms on a small server while staying well
// above bcrypt's historical default of 10.
const COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the e-mail is unknown, so a wrong e-mail takes as long
// as a wrong password and does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

export async function verifyAgainstDummy(password: string) {
  dummyHash ??= bcrypt.hash("sluice-timing-equaliser", COST);
  await bcrypt.compare(password, await dummyHash);
}
