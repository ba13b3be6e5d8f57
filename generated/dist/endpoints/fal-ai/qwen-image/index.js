import * as $runtime from "../../../runtime/index.js";
import * as $realtime from "../../../runtime/realtime.js";
/** The fal endpoint id this module calls. */
export const endpointId = "fal-ai/qwen-image";
/** `Input` as a JSON Schema (draft 07 with OpenAPI's `nullable`; the schemas it refers to under `$defs`), e.g. for an LLM tool's parameters or a form generator. */
export const inputSchema = {
    "title": "QwenImageInput",
    "type": "object",
    "properties": {
        "prompt": {
            "title": "Prompt",
            "type": "string",
            "description": "The prompt to generate the image with",
            "examples": [
                "Mount Fuji with cherry blossoms in the foreground, clear sky, peaceful spring day, soft natural light, realistic landscape."
            ]
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
            "description": "The size of the generated image.",
            "default": "landscape_4_3",
            "examples": [
                "landscape_4_3"
            ]
        },
        "num_inference_steps": {
            "title": "Num Inference Steps",
            "type": "integer",
            "description": "The number of inference steps to perform.",
            "default": 30,
            "examples": [
                30
            ]
        },
        "seed": {
            "title": "Seed",
            "type": "integer",
            "description": "The same seed and the same prompt given to the same version of the model will output the same image every time."
        },
        "guidance_scale": {
            "title": "Guidance Scale",
            "type": "number",
            "description": "The CFG (Classifier Free Guidance) scale is a measure of how close you want the model to stick to your prompt when looking for a related image to show you.",
            "default": 2.5,
            "examples": [
                2.5
            ]
        },
        "sync_mode": {
            "title": "Sync Mode",
            "type": "boolean",
            "description": "If True, the media will be returned as a data URI and the output data won't be available in the request history."
        },
        "num_images": {
            "title": "Num Images",
            "type": "integer",
            "description": "The number of images to generate.",
            "default": 1,
            "examples": [
                1
            ]
        },
        "enable_safety_checker": {
            "title": "Enable Safety Checker",
            "type": "boolean",
            "description": "If set to true, the safety checker will be enabled.",
            "default": true,
            "examples": [
                true
            ]
        },
        "output_format": {
            "title": "Output Format",
            "type": "string",
            "description": "The format of the generated image.",
            "enum": [
                "jpeg",
                "png"
            ],
            "default": "png",
            "examples": [
                "png"
            ]
        },
        "negative_prompt": {
            "title": "Negative Prompt",
            "type": "string",
            "description": "The negative prompt for the generation",
            "default": " ",
            "examples": [
                "blurry, ugly"
            ]
        },
        "acceleration": {
            "title": "Acceleration",
            "type": "string",
            "description": "Acceleration level for image generation. Options: 'none', 'regular', 'high'. Higher acceleration increases speed. 'regular' balances speed and quality. 'high' is recommended for images without text.",
            "enum": [
                "none",
                "regular",
                "high"
            ],
            "default": "none",
            "examples": [
                "none"
            ]
        },
        "loras": {
            "title": "Loras",
            "type": "array",
            "description": "The LoRAs to use for the image generation. You can use up to 3 LoRAs and they will be merged together to generate the final image.",
            "items": {
                "$ref": "#/$defs/LoraWeight"
            },
            "maxItems": 3
        }
    },
    "x-fal-order-properties": [
        "prompt",
        "image_size",
        "num_inference_steps",
        "seed",
        "guidance_scale",
        "sync_mode",
        "num_images",
        "enable_safety_checker",
        "output_format",
        "negative_prompt",
        "acceleration",
        "loras"
    ],
    "required": [
        "prompt"
    ],
    "example": {
        "prompt": "Mount Fuji with cherry blossoms in the foreground, clear sky, peaceful spring day, soft natural light, realistic landscape.",
        "image_size": "landscape_4_3",
        "num_inference_steps": 30,
        "guidance_scale": 2.5,
        "num_images": 1,
        "enable_safety_checker": true,
        "output_format": "png",
        "negative_prompt": "blurry, ugly",
        "acceleration": "none"
    },
    "$defs": {
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
        "LoraWeight": {
            "title": "LoraWeight",
            "type": "object",
            "properties": {
                "path": {
                    "title": "Path",
                    "type": "string",
                    "description": "URL or the path to the LoRA weights."
                },
                "scale": {
                    "title": "Scale",
                    "type": "number",
                    "description": "The scale of the LoRA weight. This is used to scale the LoRA weight before merging it with the base model.",
                    "default": 1
                }
            },
            "x-fal-order-properties": [
                "path",
                "scale"
            ],
            "required": [
                "path"
            ]
        }
    }
};
/** `Output` as a JSON Schema (draft 07 with OpenAPI's `nullable`; the schemas it refers to under `$defs`), e.g. for an LLM tool's parameters or a form generator. */
export const outputSchema = {
    "title": "QwenImageOutput",
    "type": "object",
    "properties": {
        "images": {
            "title": "Images",
            "type": "array",
            "description": "The generated image files info.",
            "items": {
                "$ref": "#/$defs/Image"
            },
            "examples": [
                [
                    {
                        "height": 768,
                        "content_type": "image/jpeg",
                        "url": "https://v3.fal.media/files/rabbit/KoIbq6nhDBDPxDQrivW-m.png",
                        "width": 1024
                    }
                ]
            ]
        },
        "timings": {
            "title": "Timings",
            "allOf": [
                {
                    "$ref": "#/$defs/Timings"
                }
            ]
        },
        "seed": {
            "title": "Seed",
            "type": "integer",
            "description": "Seed of the generated Image. It will be the same value of the one passed in the input or the randomly generated that was used in case none was passed."
        },
        "has_nsfw_concepts": {
            "title": "Has Nsfw Concepts",
            "type": "array",
            "description": "Whether the generated images contain NSFW concepts.",
            "items": {
                "type": "boolean"
            }
        },
        "prompt": {
            "title": "Prompt",
            "type": "string",
            "description": "The prompt used for generating the image.",
            "examples": [
                ""
            ]
        }
    },
    "x-fal-order-properties": [
        "images",
        "timings",
        "seed",
        "has_nsfw_concepts",
        "prompt"
    ],
    "required": [
        "images",
        "timings",
        "seed",
        "has_nsfw_concepts",
        "prompt"
    ],
    "example": {
        "images": [
            {
                "height": 768,
                "content_type": "image/jpeg",
                "url": "https://v3.fal.media/files/rabbit/KoIbq6nhDBDPxDQrivW-m.png",
                "width": 1024
            }
        ],
        "prompt": ""
    },
    "$defs": {
        "Image": {
            "title": "Image",
            "type": "object",
            "properties": {
                "url": {
                    "title": "Url",
                    "type": "string"
                },
                "width": {
                    "title": "Width",
                    "type": "integer"
                },
                "height": {
                    "title": "Height",
                    "type": "integer"
                },
                "content_type": {
                    "title": "Content Type",
                    "type": "string",
                    "default": "image/jpeg"
                }
            },
            "x-fal-order-properties": [
                "url",
                "width",
                "height",
                "content_type"
            ],
            "required": [
                "url",
                "width",
                "height"
            ]
        },
        "Timings": {
            "title": "Timings",
            "type": "object",
            "additionalProperties": {
                "type": "number"
            }
        }
    }
};
/**
 * Checks an input of `fal-ai/qwen-image` as fal does, without sending it: a Standard Schema v1 validator (`inputValidator["~standard"].validate(value)`, issues with the field's `path`) whose `fieldErrors` are fal's 422 `detail`.
 * Pass it as a call's `validate` option, or register it with `createFalClient({ validators: [inputValidator] })` for `validate: true`. Unused, it is dropped from bundles (a pure call).
 */
export const inputValidator = /* @__PURE__ */ $runtime.createValidator(endpointId, { "type": "object", "properties": { "prompt": { "type": "string" }, "image_size": { "anyOf": [{ "$ref": "ImageSize" }, { "type": "string", "enum": ["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"] }] }, "num_inference_steps": { "type": "integer" }, "seed": { "type": "integer" }, "guidance_scale": { "type": "number" }, "sync_mode": { "type": "boolean" }, "num_images": { "type": "integer" }, "enable_safety_checker": { "type": "boolean" }, "output_format": { "type": "string", "enum": ["jpeg", "png"] }, "negative_prompt": { "type": "string" }, "acceleration": { "type": "string", "enum": ["none", "regular", "high"] }, "loras": { "type": "array", "items": { "$ref": "LoraWeight" }, "maxItems": 3 } }, "required": ["prompt"], "$defs": { "ImageSize": { "type": "object", "properties": { "width": { "type": "integer" }, "height": { "type": "integer" } } }, "LoraWeight": { "type": "object", "properties": { "path": { "type": "string" }, "scale": { "type": "number" } }, "required": ["path"] } } });
/**
 * Queues a request to `fal-ai/qwen-image` and returns its id and URLs without waiting.
 * File inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first.
 */
export function submit(client, input, options) {
    return $runtime.submit(client, endpointId, input, options);
}
/** Fetches the queue status of a request to `fal-ai/qwen-image`. */
export function status(client, requestId, options) {
    return $runtime.status(client, endpointId, requestId, options);
}
/** Streams the status of a request to `fal-ai/qwen-image` (Server-Sent Events) until it completes. */
export function streamStatus(client, requestId, options) {
    return $runtime.streamStatus(client, endpointId, requestId, options);
}
/** Fetches the output of a completed request to `fal-ai/qwen-image`. */
export function result(client, requestId, options) {
    return $runtime.result(client, endpointId, requestId, options);
}
/** Asks the queue to cancel a request to `fal-ai/qwen-image` that has not completed. */
export function cancel(client, requestId, options) {
    return $runtime.cancel(client, endpointId, requestId, options);
}
/**
 * Submits a request to `fal-ai/qwen-image`, waits for it (polling, or streaming with `mode: "streaming"`) and returns its output.
 * `onEnqueue` receives the request id before any wait, and every error after submit carries it.
 */
export function subscribe(client, input, options) {
    return $runtime.subscribe(client, endpointId, input, options);
}
/**
 * Calls `fal-ai/qwen-image` synchronously (`POST https://fal.run/<endpoint id>`, not queued) and returns its output.
 * Never sent twice: a dropped connection loses the result, so prefer `subscribe` for long or costly calls.
 */
export function run(client, input, options) {
    return $runtime.run(client, endpointId, input, options);
}
/**
 * Calls the streaming route of `fal-ai/qwen-image` (`POST https://fal.run/<endpoint id>/stream`, Server-Sent Events).
 * Iterate the result for the partial outputs; `done()` resolves with the final one. Ends on `idleTimeout` (default 15 s) without an event.
 */
export function stream(client, input, options) {
    return $runtime.stream(client, endpointId, input, options);
}
/**
 * Opens a realtime session with `fal-ai/qwen-image` (fal's WebSocket, msgpack frames): `send` inputs, iterate the outputs, `close()`.
 * In a browser, pass a `tokenProvider` that asks your server (see `createTokenHandler`): the key never reaches the page.
 */
export function realtime(client, options) {
    return $realtime.realtime(client, endpointId, options);
}
//# sourceMappingURL=index.js.map