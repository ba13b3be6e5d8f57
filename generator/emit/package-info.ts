/** The generated package's own identity: its npm name (every import path in its docs uses it) and version. */
export interface PackageInfo {
  /** npm package name, e.g. `@acme/fal` (default `@falgen/models`). */
  name: string;
  /** Version written to its package.json (default `0.1.0`). */
  version: string;
}

export const DEFAULT_PACKAGE: Readonly<PackageInfo> = { name: "@falgen/models", version: "0.1.0" };

// npm's rules for a name (lower case, URL-safe, optional scope) and semver's for a version.
const NPM_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** Why `name` cannot be an npm package name, or undefined when it can. */
export function packageNameProblem(name: string): string | undefined {
  if (name.length > 214) return `package name ${JSON.stringify(name)} is longer than npm's 214 characters`;
  return NPM_NAME.test(name) ? undefined : `${JSON.stringify(name)} is not an npm package name (lower case, URL-safe, e.g. @acme/fal)`;
}

/** Why `version` is not a semantic version, or undefined when it is. */
export function packageVersionProblem(version: string): string | undefined {
  return SEMVER.test(version) ? undefined : `${JSON.stringify(version)} is not a semantic version (e.g. 1.2.0)`;
}
