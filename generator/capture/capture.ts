import { formatPlace, SpecError } from "../errors.js";
import { encodePointer } from "../shared/json-pointer.js";
import { applyOverrides, overridesError, type Overrides } from "./overrides.js";
import { pageToSpec, type EndpointOnPage } from "./page-to-spec.js";
import type { Page } from "./parse-page.js";

export interface CapturedSpec {
  endpointId: string;
  document: Record<string, unknown>;
  /** Undefined when the endpoint has no overrides file (then no field is required, and no category is set). */
  overrides: Overrides | undefined;
  /** What the spec assumes where the page says too little (e.g. a type it never lists). */
  warnings: string[];
}

/**
 * Every endpoint the pages document: each page's own endpoint, plus the companions whose
 * overrides say the page documents them. Overrides for pages not given are left unused.
 */
export function captureSpecs(pages: Page[], overrides: Map<string, Overrides>): CapturedSpec[] {
  const pageOf = new Map<string, Page>();
  for (const page of pages) {
    const other = pageOf.get(page.endpointId);
    if (other) throw new SpecError({ file: page.file, line: page.line }, `a second page for ${page.endpointId} (the first is at ${formatPlace(other.file, other.line)})`);
    pageOf.set(page.endpointId, page);
  }
  return pages.flatMap((page) => {
    const own = overrides.get(page.endpointId);
    if (own?.companionOf !== undefined) {
      throw overridesError(own.source, "/companionOf", `${page.endpointId} has a page of its own (${formatPlace(page.file, page.line)}), so it is no companion`);
    }
    const companions = [...overrides.values()].filter((candidate) => candidate.companionOf === page.endpointId);
    return [
      captureEndpoint(page, { endpointId: page.endpointId, input: "Input", output: "Output" }, own),
      ...companions.map((companion) => captureEndpoint(page, companionOnPage(page, companion), companion)),
    ];
  });
}

function companionOnPage(page: Page, companion: Overrides): EndpointOnPage {
  const { input, output } = companion.schemas!;
  for (const [role, name] of [["input", input], ["output", output]] as const) {
    if (!page.types.some((type) => type.name === name)) {
      throw overridesError(companion.source, `/schemas/${role}`, `the page of ${page.endpointId} (${formatPlace(page.file, page.line)}) has no type ${name}`);
    }
  }
  return { endpointId: companion.endpointId, input, output };
}

function captureEndpoint(page: Page, endpoint: EndpointOnPage, overrides: Overrides | undefined): CapturedSpec {
  const types = overrides?.types ?? {};
  for (const name of Object.keys(types)) {
    if (page.types.some((type) => type.name === name)) {
      throw overridesError(overrides!.source, encodePointer(["types", name]), `the page defines ${name} itself; remove it here`);
    }
  }
  const { document, warnings } = pageToSpec(page, endpoint, types);
  const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
  for (const name of Object.keys(types)) {
    if (!Object.hasOwn(schemas, name)) throw overridesError(overrides!.source, encodePointer(["types", name]), `no field of ${endpoint.endpointId} uses ${name}`);
  }
  if (overrides) applyOverrides(document, overrides);
  return { endpointId: endpoint.endpointId, document, overrides, warnings };
}
