// falgen's runtime (runtime/types.ts), written by `falgen generate`. Do not edit.
export {};
