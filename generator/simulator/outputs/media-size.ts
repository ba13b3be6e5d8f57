/** What the input asks for that shapes the output: image size, how many items, the seed. */
export interface OutputShape {
  imageSize: { width: number; height: number };
  count: number;
  seed: number;
}

/** fal's named image sizes. */
const NAMED_SIZES: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};

/** Generated images are at most this many pixels per side; larger requests are scaled down. */
export const MAX_IMAGE_SIDE = 2048;
const MAX_COUNT = 16;

/**
 * Reads `image_size` (a fal name or `{width, height}`), `width`/`height`, `aspect_ratio` ("16:9"),
 * `num_images`/`num_outputs` and `seed` from the input, defaults of the Input schema applied.
 */
export function outputShape(input: Record<string, unknown>, fallbackSeed: number): OutputShape {
  return { imageSize: clampSize(requestedSize(input)), count: requestedCount(input), seed: isInteger(input.seed) ? input.seed : fallbackSeed };
}

function requestedSize(input: Record<string, unknown>): [number, number] {
  const size = input.image_size;
  if (typeof size === "string" && NAMED_SIZES[size]) return NAMED_SIZES[size];
  if (size !== null && typeof size === "object") {
    const { width, height } = size as Record<string, unknown>;
    if (isPositive(width) && isPositive(height)) return [width, height];
  }
  if (isPositive(input.width) && isPositive(input.height)) return [input.width, input.height];
  if (typeof input.aspect_ratio === "string") {
    const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(input.aspect_ratio);
    if (match) {
      const w = Number(match[1]);
      const h = Number(match[2]);
      if (w > 0 && h > 0) return w >= h ? [1024, Math.round((1024 * h) / w)] : [Math.round((1024 * w) / h), 1024];
    }
  }
  return [1024, 1024];
}

function clampSize([width, height]: [number, number]): { width: number; height: number } {
  const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function requestedCount(input: Record<string, unknown>): number {
  for (const key of ["num_images", "num_outputs", "batch_size"]) {
    const value = input[key];
    if (isPositive(value)) return Math.min(MAX_COUNT, Math.round(value));
  }
  return 1;
}

function isPositive(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}
