import * as $runtime from "../../../../../runtime/index.js";
import * as $realtime from "../../../../../runtime/realtime.js";
/** The fal endpoint id this module calls. */
export const endpointId = "fal-ai/ideogram/v3/reframe";
/** `Input` as a JSON Schema (draft 07 with OpenAPI's `nullable`; the schemas it refers to under `$defs`), e.g. for an LLM tool's parameters or a form generator. */
export const inputSchema = {
    "title": "ReframeImageInputV3",
    "type": "object",
    "properties": {
        "image_urls": {
            "title": "Image Urls",
            "type": "array",
            "description": "A set of images to use as style references (maximum total size 10MB across all style references). The images should be in JPEG, PNG or WebP format",
            "items": {
                "type": "string"
            }
        },
        "rendering_speed": {
            "title": "Rendering Speed",
            "type": "string",
            "description": "The rendering speed to use.",
            "enum": [
                "TURBO",
                "BALANCED",
                "QUALITY"
            ],
            "default": "BALANCED"
        },
        "color_palette": {
            "title": "Color Palette",
            "allOf": [
                {
                    "$ref": "#/$defs/ColorPalette"
                }
            ],
            "description": "A color palette for generation, must EITHER be specified via one of the presets (name) or explicitly via hexadecimal representations of the color with optional weights (members)"
        },
        "style_codes": {
            "title": "Style Codes",
            "type": "array",
            "description": "A list of 8 character hexadecimal codes representing the style of the image. Cannot be used in conjunction with style_reference_images or style",
            "items": {
                "type": "string",
                "pattern": "^[0-9A-Fa-f]{8}$"
            }
        },
        "style": {
            "title": "Style",
            "type": "string",
            "description": "The style type to generate with. Cannot be used with style_codes.",
            "enum": [
                "AUTO",
                "GENERAL",
                "REALISTIC",
                "DESIGN"
            ]
        },
        "num_images": {
            "title": "Num Images",
            "type": "integer",
            "description": "Number of images to generate.",
            "default": 1
        },
        "seed": {
            "title": "Seed",
            "type": "integer",
            "description": "Seed for the random number generator"
        },
        "sync_mode": {
            "title": "Sync Mode",
            "type": "boolean",
            "description": "If True, the media will be returned as a data URI and the output data won't be available in the request history."
        },
        "style_preset": {
            "title": "Style Preset",
            "type": "string",
            "description": "Style preset for generation. The chosen style preset will guide the generation.",
            "enum": [
                "80S_ILLUSTRATION",
                "90S_NOSTALGIA",
                "ABSTRACT_ORGANIC",
                "ANALOG_NOSTALGIA",
                "ART_BRUT",
                "ART_DECO",
                "ART_POSTER",
                "AURA",
                "AVANT_GARDE",
                "BAUHAUS",
                "BLUEPRINT",
                "BLURRY_MOTION",
                "BRIGHT_ART",
                "C4D_CARTOON",
                "CHILDRENS_BOOK",
                "COLLAGE",
                "COLORING_BOOK_I",
                "COLORING_BOOK_II",
                "CUBISM",
                "DARK_AURA",
                "DOODLE",
                "DOUBLE_EXPOSURE",
                "DRAMATIC_CINEMA",
                "EDITORIAL",
                "EMOTIONAL_MINIMAL",
                "ETHEREAL_PARTY",
                "EXPIRED_FILM",
                "FLAT_ART",
                "FLAT_VECTOR",
                "FOREST_REVERIE",
                "GEO_MINIMALIST",
                "GLASS_PRISM",
                "GOLDEN_HOUR",
                "GRAFFITI_I",
                "GRAFFITI_II",
                "HALFTONE_PRINT",
                "HIGH_CONTRAST",
                "HIPPIE_ERA",
                "ICONIC",
                "JAPANDI_FUSION",
                "JAZZY",
                "LONG_EXPOSURE",
                "MAGAZINE_EDITORIAL",
                "MINIMAL_ILLUSTRATION",
                "MIXED_MEDIA",
                "MONOCHROME",
                "NIGHTLIFE",
                "OIL_PAINTING",
                "OLD_CARTOONS",
                "PAINT_GESTURE",
                "POP_ART",
                "RETRO_ETCHING",
                "RIVIERA_POP",
                "SPOTLIGHT_80S",
                "STYLIZED_RED",
                "SURREAL_COLLAGE",
                "TRAVEL_POSTER",
                "VINTAGE_GEO",
                "VINTAGE_POSTER",
                "WATERCOLOR",
                "WEIRD",
                "WOODBLOCK_PRINT"
            ]
        },
        "image_url": {
            "title": "Image Url",
            "type": "string",
            "description": "The image URL to reframe"
        },
        "image_size": {
            "title": "Image Size",
            "anyOf": [
                {
                    "$ref": "#/$defs/ImageSize"
                },
                {
                    "type": "string",
                    "enum": [
                        "square_hd",
                        "square",
                        "portrait_4_3",
                        "portrait_16_9",
                        "landscape_4_3",
                        "landscape_16_9"
                    ]
                }
            ],
            "description": "The resolution for the reframed output image"
        }
    },
    "x-fal-order-properties": [
        "image_urls",
        "rendering_speed",
        "color_palette",
        "style_codes",
        "style",
        "num_images",
        "seed",
        "sync_mode",
        "style_preset",
        "image_url",
        "image_size"
    ],
    "required": [
        "image_url",
        "image_size"
    ],
    "$defs": {
        "ColorPalette": {
            "title": "ColorPalette",
            "type": "object",
            "properties": {
                "members": {
                    "title": "Members",
                    "type": "array",
                    "description": "A list of color palette members that define the color palette",
                    "items": {
                        "$ref": "#/$defs/ColorPaletteMember"
                    }
                },
                "name": {
                    "title": "Name",
                    "type": "string",
                    "description": "A color palette preset value",
                    "enum": [
                        "EMBER",
                        "FRESH",
                        "JUNGLE",
                        "MAGIC",
                        "MELON",
                        "MOSAIC",
                        "PASTEL",
                        "ULTRAMARINE"
                    ]
                }
            },
            "x-fal-order-properties": [
                "members",
                "name"
            ],
            "minProperties": 1,
            "maxProperties": 1
        },
        "ColorPaletteMember": {
            "title": "ColorPaletteMember",
            "type": "object",
            "properties": {
                "rgb": {
                    "title": "Rgb",
                    "allOf": [
                        {
                            "$ref": "#/$defs/RGBColor"
                        }
                    ],
                    "description": "RGB color value for the palette member"
                },
                "color_weight": {
                    "title": "Color Weight",
                    "type": "number",
                    "description": "The weight of the color in the color palette",
                    "default": 0.5
                }
            },
            "x-fal-order-properties": [
                "rgb",
                "color_weight"
            ],
            "required": [
                "rgb"
            ]
        },
        "ImageSize": {
            "title": "ImageSize",
            "type": "object",
            "properties": {
                "width": {
                    "title": "Width",
                    "type": "integer",
                    "description": "The width of the generated image.",
                    "default": 512
                },
                "height": {
                    "title": "Height",
                    "type": "integer",
                    "description": "The height of the generated image.",
                    "default": 512
                }
            },
            "x-fal-order-properties": [
                "width",
                "height"
            ]
        },
        "RGBColor": {
            "title": "RGBColor",
            "type": "object",
            "properties": {
                "r": {
                    "title": "R",
                    "type": "integer",
                    "description": "Red color value",
                    "minimum": 0,
                    "maximum": 255
                },
                "g": {
                    "title": "G",
                    "type": "integer",
                    "description": "Green color value",
                    "minimum": 0,
                    "maximum": 255
                },
                "b": {
                    "title": "B",
                    "type": "integer",
                    "description": "Blue color value",
                    "minimum": 0,
                    "maximum": 255
                }
            },
            "x-fal-order-properties": [
                "r",
                "g",
                "b"
            ]
        }
    }
};
/** `Output` as a JSON Schema (draft 07 with OpenAPI's `nullable`; the schemas it refers to under `$defs`), e.g. for an LLM tool's parameters or a form generator. */
export const outputSchema = {
    "title": "ReframeOutputV3",
    "type": "object",
    "properties": {
        "images": {
            "title": "Images",
            "type": "array",
            "items": {
                "$ref": "#/$defs/File"
            }
        },
        "seed": {
            "title": "Seed",
            "type": "integer",
            "description": "Seed used for the random number generator"
        }
    },
    "x-fal-order-properties": [
        "images",
        "seed"
    ],
    "required": [
        "images",
        "seed"
    ],
    "$defs": {
        "File": {
            "title": "File",
            "type": "object",
            "properties": {
                "url": {
                    "title": "Url",
                    "type": "string",
                    "description": "The URL where the file can be downloaded from."
                },
                "content_type": {
                    "title": "Content Type",
                    "type": "string",
                    "description": "The mime type of the file."
                },
                "file_name": {
                    "title": "File Name",
                    "type": "string",
                    "description": "The name of the file. It will be auto-generated if not provided."
                },
                "file_size": {
                    "title": "File Size",
                    "type": "integer",
                    "description": "The size of the file in bytes."
                }
            },
            "x-fal-order-properties": [
                "url",
                "content_type",
                "file_name",
                "file_size"
            ],
            "required": [
                "url"
            ]
        }
    }
};
/**
 * Checks an input of `fal-ai/ideogram/v3/reframe` as fal does, without sending it: a Standard Schema v1 validator (`inputValidator["~standard"].validate(value)`, issues with the field's `path`) whose `fieldErrors` are fal's 422 `detail`.
 * Pass it as a call's `validate` option, or register it with `createFalClient({ validators: [inputValidator] })` for `validate: true`. Unused, it is dropped from bundles (a pure call).
 */
export const inputValidator = /* @__PURE__ */ $runtime.createValidator(endpointId, { "type": "object", "properties": { "image_urls": { "type": "array", "items": { "type": "string" } }, "rendering_speed": { "type": "string", "enum": ["TURBO", "BALANCED", "QUALITY"] }, "color_palette": { "allOf": [{ "$ref": "ColorPalette" }] }, "style_codes": { "type": "array", "items": { "type": "string", "pattern": "^[0-9A-Fa-f]{8}$" } }, "style": { "type": "string", "enum": ["AUTO", "GENERAL", "REALISTIC", "DESIGN"] }, "num_images": { "type": "integer" }, "seed": { "type": "integer" }, "sync_mode": { "type": "boolean" }, "style_preset": { "type": "string", "enum": ["80S_ILLUSTRATION", "90S_NOSTALGIA", "ABSTRACT_ORGANIC", "ANALOG_NOSTALGIA", "ART_BRUT", "ART_DECO", "ART_POSTER", "AURA", "AVANT_GARDE", "BAUHAUS", "BLUEPRINT", "BLURRY_MOTION", "BRIGHT_ART", "C4D_CARTOON", "CHILDRENS_BOOK", "COLLAGE", "COLORING_BOOK_I", "COLORING_BOOK_II", "CUBISM", "DARK_AURA", "DOODLE", "DOUBLE_EXPOSURE", "DRAMATIC_CINEMA", "EDITORIAL", "EMOTIONAL_MINIMAL", "ETHEREAL_PARTY", "EXPIRED_FILM", "FLAT_ART", "FLAT_VECTOR", "FOREST_REVERIE", "GEO_MINIMALIST", "GLASS_PRISM", "GOLDEN_HOUR", "GRAFFITI_I", "GRAFFITI_II", "HALFTONE_PRINT", "HIGH_CONTRAST", "HIPPIE_ERA", "ICONIC", "JAPANDI_FUSION", "JAZZY", "LONG_EXPOSURE", "MAGAZINE_EDITORIAL", "MINIMAL_ILLUSTRATION", "MIXED_MEDIA", "MONOCHROME", "NIGHTLIFE", "OIL_PAINTING", "OLD_CARTOONS", "PAINT_GESTURE", "POP_ART", "RETRO_ETCHING", "RIVIERA_POP", "SPOTLIGHT_80S", "STYLIZED_RED", "SURREAL_COLLAGE", "TRAVEL_POSTER", "VINTAGE_GEO", "VINTAGE_POSTER", "WATERCOLOR", "WEIRD", "WOODBLOCK_PRINT"] }, "image_url": { "type": "string" }, "image_size": { "anyOf": [{ "$ref": "ImageSize" }, { "type": "string", "enum": ["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"] }] } }, "required": ["image_url", "image_size"], "$defs": { "ColorPalette": { "type": "object", "properties": { "members": { "type": "array", "items": { "$ref": "ColorPaletteMember" } }, "name": { "type": "string", "enum": ["EMBER", "FRESH", "JUNGLE", "MAGIC", "MELON", "MOSAIC", "PASTEL", "ULTRAMARINE"] } }, "minProperties": 1, "maxProperties": 1 }, "ColorPaletteMember": { "type": "object", "properties": { "rgb": { "allOf": [{ "$ref": "RGBColor" }] }, "color_weight": { "type": "number" } }, "required": ["rgb"] }, "ImageSize": { "type": "object", "properties": { "width": { "type": "integer" }, "height": { "type": "integer" } } }, "RGBColor": { "type": "object", "properties": { "r": { "type": "integer", "minimum": 0, "maximum": 255 }, "g": { "type": "integer", "minimum": 0, "maximum": 255 }, "b": { "type": "integer", "minimum": 0, "maximum": 255 } } } } });
/**
 * Queues a request to `fal-ai/ideogram/v3/reframe` and returns its id and URLs without waiting.
 * File inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first.
 */
export function submit(client, input, options) {
    return $runtime.submit(client, endpointId, input, options);
}
/** Fetches the queue status of a request to `fal-ai/ideogram/v3/reframe`. */
export function status(client, requestId, options) {
    return $runtime.status(client, endpointId, requestId, options);
}
/** Streams the status of a request to `fal-ai/ideogram/v3/reframe` (Server-Sent Events) until it completes. */
export function streamStatus(client, requestId, options) {
    return $runtime.streamStatus(client, endpointId, requestId, options);
}
/** Fetches the output of a completed request to `fal-ai/ideogram/v3/reframe`. */
export function result(client, requestId, options) {
    return $runtime.result(client, endpointId, requestId, options);
}
/** Asks the queue to cancel a request to `fal-ai/ideogram/v3/reframe` that has not completed. */
export function cancel(client, requestId, options) {
    return $runtime.cancel(client, endpointId, requestId, options);
}
/**
 * Submits a request to `fal-ai/ideogram/v3/reframe`, waits for it (polling, or streaming with `mode: "streaming"`) and returns its output.
 * `onEnqueue` receives the request id before any wait, and every error after submit carries it.
 */
export function subscribe(client, input, options) {
    return $runtime.subscribe(client, endpointId, input, options);
}
/**
 * Calls `fal-ai/ideogram/v3/reframe` synchronously (`POST https://fal.run/<endpoint id>`, not queued) and returns its output.
 * Never sent twice: a dropped connection loses the result, so prefer `subscribe` for long or costly calls.
 */
export function run(client, input, options) {
    return $runtime.run(client, endpointId, input, options);
}
/**
 * Calls the streaming route of `fal-ai/ideogram/v3/reframe` (`POST https://fal.run/<endpoint id>/stream`, Server-Sent Events).
 * Iterate the result for the partial outputs; `done()` resolves with the final one. Ends on `idleTimeout` (default 15 s) without an event.
 */
export function stream(client, input, options) {
    return $runtime.stream(client, endpointId, input, options);
}
/**
 * Opens a realtime session with `fal-ai/ideogram/v3/reframe` (fal's WebSocket, msgpack frames): `send` inputs, iterate the outputs, `close()`.
 * In a browser, pass a `tokenProvider` that asks your server (see `createTokenHandler`): the key never reaches the page.
 */
export function realtime(client, options) {
    return $realtime.realtime(client, endpointId, options);
}
//# sourceMappingURL=index.js.map