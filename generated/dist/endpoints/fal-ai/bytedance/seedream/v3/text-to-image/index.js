import * as $runtime from "../../../../../../runtime/index.js";
import * as $realtime from "../../../../../../runtime/realtime.js";
/** The fal endpoint id this module calls. */
export const endpointId = "fal-ai/bytedance/seedream/v3/text-to-image";
/** `Input` as a JSON Schema (draft 07 with OpenAPI's `nullable`; the schemas it refers to under `$defs`), e.g. for an LLM tool's parameters or a form generator. */
export const inputSchema = {
    "title": "BytedanceSeedreamV3TextToImageInput",
    "type": "object",
    "properties": {
        "prompt": {
            "title": "Prompt",
            "type": "string",
            "description": "The text prompt used to generate the image",
            "examples": [
                "Fisheye lens, the head of a cat, the image shows the effect that the facial features of the cat are distorted due to the shooting method."
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
            "description": "Use for finer control over the output image size. Will be used over aspect_ratio, if both are provided. Width and height must be between 512 and 2048."
        },
        "guidance_scale": {
            "title": "Guidance Scale",
            "type": "number",
            "description": "Controls how closely the output image aligns with the input prompt. Higher values mean stronger prompt correlation.",
            "default": 2.5,
            "examples": [
                2.5
            ]
        },
        "num_images": {
            "title": "Num Images",
            "type": "integer",
            "description": "Number of images to generate",
            "default": 1,
            "examples": [
                1
            ]
        },
        "seed": {
            "title": "Seed",
            "type": "integer",
            "description": "Random seed to control the stochasticity of image generation."
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
        "sync_mode": {
            "title": "Sync Mode",
            "type": "boolean",
            "description": "If True, the media will be returned as a data URI and the output data won't be available in the request history."
        }
    },
    "x-fal-order-properties": [
        "prompt",
        "image_size",
        "guidance_scale",
        "num_images",
        "seed",
        "enable_safety_checker",
        "sync_mode"
    ],
    "required": [
        "prompt"
    ],
    "example": {
        "prompt": "Fisheye lens, the head of a cat, the image shows the effect that the facial features of the cat are distorted due to the shooting method.",
        "guidance_scale": 2.5,
        "num_images": 1,
        "enable_safety_checker": true
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
                    "default": 512,
                    "minimum": 512,
                    "maximum": 2048
                },
                "height": {
                    "title": "Height",
                    "type": "integer",
                    "description": "The height of the generated image.",
                    "default": 512,
                    "minimum": 512,
                    "maximum": 2048
                }
            },
            "x-fal-order-properties": [
                "width",
                "height"
            ]
        }
    }
};
/** `Output` as a JSON Schema (draft 07 with OpenAPI's `nullable`; the schemas it refers to under `$defs`), e.g. for an LLM tool's parameters or a form generator. */
export const outputSchema = {
    "title": "BytedanceSeedreamV3TextToImageOutput",
    "type": "object",
    "properties": {
        "images": {
            "title": "Images",
            "type": "array",
            "description": "Generated images",
            "items": {
                "$ref": "#/$defs/Image"
            },
            "examples": [
                [
                    {
                        "url": "https://v3.fal.media/files/rabbit/EJqemc4hQlHKAtkkfTJqB_a2aaccab7ff84740b6323da580146087.png"
                    }
                ]
            ]
        },
        "seed": {
            "title": "Seed",
            "type": "integer",
            "description": "Seed used for generation",
            "examples": [
                42
            ]
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
    "example": {
        "images": [
            {
                "url": "https://v3.fal.media/files/rabbit/EJqemc4hQlHKAtkkfTJqB_a2aaccab7ff84740b6323da580146087.png"
            }
        ],
        "seed": 42
    },
    "$defs": {
        "Image": {
            "title": "Image",
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
                },
                "file_data": {
                    "title": "File Data",
                    "type": "string",
                    "description": "File data"
                },
                "width": {
                    "title": "Width",
                    "type": "integer",
                    "description": "The width of the image in pixels."
                },
                "height": {
                    "title": "Height",
                    "type": "integer",
                    "description": "The height of the image in pixels."
                }
            },
            "x-fal-order-properties": [
                "url",
                "content_type",
                "file_name",
                "file_size",
                "file_data",
                "width",
                "height"
            ],
            "required": [
                "url"
            ]
        }
    }
};
/**
 * Checks an input of `fal-ai/bytedance/seedream/v3/text-to-image` as fal does, without sending it: a Standard Schema v1 validator (`inputValidator["~standard"].validate(value)`, issues with the field's `path`) whose `fieldErrors` are fal's 422 `detail`.
 * Pass it as a call's `validate` option, or register it with `createFalClient({ validators: [inputValidator] })` for `validate: true`. Unused, it is dropped from bundles (a pure call).
 */
export const inputValidator = /* @__PURE__ */ $runtime.createValidator(endpointId, { "type": "object", "properties": { "prompt": { "type": "string" }, "image_size": { "anyOf": [{ "$ref": "ImageSize" }, { "type": "string", "enum": ["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"] }] }, "guidance_scale": { "type": "number" }, "num_images": { "type": "integer" }, "seed": { "type": "integer" }, "enable_safety_checker": { "type": "boolean" }, "sync_mode": { "type": "boolean" } }, "required": ["prompt"], "$defs": { "ImageSize": { "type": "object", "properties": { "width": { "type": "integer", "minimum": 512, "maximum": 2048 }, "height": { "type": "integer", "minimum": 512, "maximum": 2048 } } } } });
/**
 * Queues a request to `fal-ai/bytedance/seedream/v3/text-to-image` and returns its id and URLs without waiting.
 * File inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first.
 */
export function submit(client, input, options) {
    return $runtime.submit(client, endpointId, input, options);
}
/** Fetches the queue status of a request to `fal-ai/bytedance/seedream/v3/text-to-image`. */
export function status(client, requestId, options) {
    return $runtime.status(client, endpointId, requestId, options);
}
/** Streams the status of a request to `fal-ai/bytedance/seedream/v3/text-to-image` (Server-Sent Events) until it completes. */
export function streamStatus(client, requestId, options) {
    return $runtime.streamStatus(client, endpointId, requestId, options);
}
/** Fetches the output of a completed request to `fal-ai/bytedance/seedream/v3/text-to-image`. */
export function result(client, requestId, options) {
    return $runtime.result(client, endpointId, requestId, options);
}
/** Asks the queue to cancel a request to `fal-ai/bytedance/seedream/v3/text-to-image` that has not completed. */
export function cancel(client, requestId, options) {
    return $runtime.cancel(client, endpointId, requestId, options);
}
/**
 * Submits a request to `fal-ai/bytedance/seedream/v3/text-to-image`, waits for it (polling, or streaming with `mode: "streaming"`) and returns its output.
 * `onEnqueue` receives the request id before any wait, and every error after submit carries it.
 */
export function subscribe(client, input, options) {
    return $runtime.subscribe(client, endpointId, input, options);
}
/**
 * Calls `fal-ai/bytedance/seedream/v3/text-to-image` synchronously (`POST https://fal.run/<endpoint id>`, not queued) and returns its output.
 * Never sent twice: a dropped connection loses the result, so prefer `subscribe` for long or costly calls.
 */
export function run(client, input, options) {
    return $runtime.run(client, endpointId, input, options);
}
/**
 * Calls the streaming route of `fal-ai/bytedance/seedream/v3/text-to-image` (`POST https://fal.run/<endpoint id>/stream`, Server-Sent Events).
 * Iterate the result for the partial outputs; `done()` resolves with the final one. Ends on `idleTimeout` (default 15 s) without an event.
 */
export function stream(client, input, options) {
    return $runtime.stream(client, endpointId, input, options);
}
/**
 * Opens a realtime session with `fal-ai/bytedance/seedream/v3/text-to-image` (fal's WebSocket, msgpack frames): `send` inputs, iterate the outputs, `close()`.
 * In a browser, pass a `tokenProvider` that asks your server (see `createTokenHandler`): the key never reaches the page.
 */
export function realtime(client, options) {
    return $realtime.realtime(client, endpointId, options);
}
//# sourceMappingURL=index.js.map