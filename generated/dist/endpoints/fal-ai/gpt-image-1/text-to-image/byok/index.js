import * as $runtime from "../../../../../runtime/index.js";
import * as $realtime from "../../../../../runtime/realtime.js";
/** The fal endpoint id this module calls. */
export const endpointId = "fal-ai/gpt-image-1/text-to-image/byok";
/** `Input` as a JSON Schema (draft 07 with OpenAPI's `nullable`; the schemas it refers to under `$defs`), e.g. for an LLM tool's parameters or a form generator. */
export const inputSchema = {
    "title": "GptImage1TextToImageByokInput",
    "type": "object",
    "properties": {
        "prompt": {
            "title": "Prompt",
            "type": "string",
            "description": "The prompt to generate the image from.",
            "examples": [
                "A serene cyberpunk cityscape at twilight, with neon signs glowing in vibrant blues and purples, reflecting on rain-slick streets. Sleek futuristic buildings tower above, connected by glowing skybridges. A lone figure in a hooded jacket stands under a streetlamp, backlit by soft mist. The atmosphere is cinematic, moody"
            ]
        },
        "image_size": {
            "title": "Image Size",
            "type": "string",
            "description": "The size of the image to generate.",
            "enum": [
                "auto",
                "1024x1024",
                "1536x1024",
                "1024x1536"
            ],
            "default": "auto",
            "examples": [
                "auto"
            ]
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
        "quality": {
            "title": "Quality",
            "type": "string",
            "description": "The quality of the image to generate.",
            "enum": [
                "auto",
                "low",
                "medium",
                "high"
            ],
            "default": "auto",
            "examples": [
                "auto"
            ]
        },
        "background": {
            "title": "Background",
            "type": "string",
            "description": "The background of the image to generate.",
            "enum": [
                "auto",
                "transparent",
                "opaque"
            ],
            "default": "auto",
            "examples": [
                "auto"
            ]
        },
        "openai_api_key": {
            "title": "Openai Api Key",
            "type": "string",
            "description": "The OpenAI API key to use for the image generation. This endpoint is currently powered by bring-your-own-key system.",
            "examples": [
                ""
            ]
        }
    },
    "x-fal-order-properties": [
        "prompt",
        "image_size",
        "num_images",
        "quality",
        "background",
        "openai_api_key"
    ],
    "required": [
        "prompt",
        "openai_api_key"
    ],
    "example": {
        "prompt": "A serene cyberpunk cityscape at twilight, with neon signs glowing in vibrant blues and purples, reflecting on rain-slick streets. Sleek futuristic buildings tower above, connected by glowing skybridges. A lone figure in a hooded jacket stands under a streetlamp, backlit by soft mist. The atmosphere is cinematic, moody",
        "image_size": "auto",
        "num_images": 1,
        "quality": "auto",
        "background": "auto",
        "openai_api_key": ""
    }
};
/** `Output` as a JSON Schema (draft 07 with OpenAPI's `nullable`; the schemas it refers to under `$defs`), e.g. for an LLM tool's parameters or a form generator. */
export const outputSchema = {
    "title": "GptImage1TextToImageByokOutput",
    "type": "object",
    "properties": {
        "images": {
            "title": "Images",
            "type": "array",
            "description": "The generated images.",
            "items": {
                "$ref": "#/$defs/Image"
            },
            "examples": [
                [
                    {
                        "url": "https://storage.googleapis.com/falserverless/model_tests/gpt-image-1/cyberpunk.png"
                    }
                ]
            ]
        },
        "usage": {
            "title": "Usage",
            "allOf": [
                {
                    "$ref": "#/$defs/OpenAIUsage"
                }
            ],
            "description": "The usage details for the image generation.",
            "examples": [
                {
                    "input_tokens_details": {}
                }
            ]
        }
    },
    "x-fal-order-properties": [
        "images",
        "usage"
    ],
    "required": [
        "images",
        "usage"
    ],
    "example": {
        "images": [
            {
                "url": "https://storage.googleapis.com/falserverless/model_tests/gpt-image-1/cyberpunk.png"
            }
        ],
        "usage": {
            "input_tokens_details": {}
        }
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
        },
        "OpenAIUsage": {
            "title": "OpenAIUsage",
            "type": "object",
            "properties": {
                "input_tokens": {
                    "title": "Input Tokens",
                    "type": "integer",
                    "description": "Used input tokens"
                },
                "input_tokens_details": {
                    "title": "Input Tokens Details",
                    "allOf": [
                        {
                            "$ref": "#/$defs/OpenAIUsageInputTokensDetails"
                        }
                    ],
                    "description": "Input tokens details"
                },
                "output_tokens": {
                    "title": "Output Tokens",
                    "type": "integer",
                    "description": "Used output tokens"
                },
                "total_tokens": {
                    "title": "Total Tokens",
                    "type": "integer",
                    "description": "Total tokens used"
                }
            },
            "x-fal-order-properties": [
                "input_tokens",
                "input_tokens_details",
                "output_tokens",
                "total_tokens"
            ]
        },
        "OpenAIUsageInputTokensDetails": {
            "title": "OpenAIUsageInputTokensDetails",
            "type": "object",
            "properties": {
                "image_tokens": {
                    "title": "Image Tokens",
                    "type": "integer",
                    "description": "Used image tokens"
                },
                "text_tokens": {
                    "title": "Text Tokens",
                    "type": "integer",
                    "description": "Used text tokens"
                }
            },
            "x-fal-order-properties": [
                "image_tokens",
                "text_tokens"
            ]
        }
    }
};
/**
 * Checks an input of `fal-ai/gpt-image-1/text-to-image/byok` as fal does, without sending it: a Standard Schema v1 validator (`inputValidator["~standard"].validate(value)`, issues with the field's `path`) whose `fieldErrors` are fal's 422 `detail`.
 * Pass it as a call's `validate` option, or register it with `createFalClient({ validators: [inputValidator] })` for `validate: true`. Unused, it is dropped from bundles (a pure call).
 */
export const inputValidator = /* @__PURE__ */ $runtime.createValidator(endpointId, { "type": "object", "properties": { "prompt": { "type": "string" }, "image_size": { "type": "string", "enum": ["auto", "1024x1024", "1536x1024", "1024x1536"] }, "num_images": { "type": "integer" }, "quality": { "type": "string", "enum": ["auto", "low", "medium", "high"] }, "background": { "type": "string", "enum": ["auto", "transparent", "opaque"] }, "openai_api_key": { "type": "string" } }, "required": ["prompt", "openai_api_key"] });
/**
 * Queues a request to `fal-ai/gpt-image-1/text-to-image/byok` and returns its id and URLs without waiting.
 * File inputs (Blob, File, ArrayBuffer, Uint8Array) are uploaded first.
 */
export function submit(client, input, options) {
    return $runtime.submit(client, endpointId, input, options);
}
/** Fetches the queue status of a request to `fal-ai/gpt-image-1/text-to-image/byok`. */
export function status(client, requestId, options) {
    return $runtime.status(client, endpointId, requestId, options);
}
/** Streams the status of a request to `fal-ai/gpt-image-1/text-to-image/byok` (Server-Sent Events) until it completes. */
export function streamStatus(client, requestId, options) {
    return $runtime.streamStatus(client, endpointId, requestId, options);
}
/** Fetches the output of a completed request to `fal-ai/gpt-image-1/text-to-image/byok`. */
export function result(client, requestId, options) {
    return $runtime.result(client, endpointId, requestId, options);
}
/** Asks the queue to cancel a request to `fal-ai/gpt-image-1/text-to-image/byok` that has not completed. */
export function cancel(client, requestId, options) {
    return $runtime.cancel(client, endpointId, requestId, options);
}
/**
 * Submits a request to `fal-ai/gpt-image-1/text-to-image/byok`, waits for it (polling, or streaming with `mode: "streaming"`) and returns its output.
 * `onEnqueue` receives the request id before any wait, and every error after submit carries it.
 */
export function subscribe(client, input, options) {
    return $runtime.subscribe(client, endpointId, input, options);
}
/**
 * Calls `fal-ai/gpt-image-1/text-to-image/byok` synchronously (`POST https://fal.run/<endpoint id>`, not queued) and returns its output.
 * Never sent twice: a dropped connection loses the result, so prefer `subscribe` for long or costly calls.
 */
export function run(client, input, options) {
    return $runtime.run(client, endpointId, input, options);
}
/**
 * Calls the streaming route of `fal-ai/gpt-image-1/text-to-image/byok` (`POST https://fal.run/<endpoint id>/stream`, Server-Sent Events).
 * Iterate the result for the partial outputs; `done()` resolves with the final one. Ends on `idleTimeout` (default 15 s) without an event.
 */
export function stream(client, input, options) {
    return $runtime.stream(client, endpointId, input, options);
}
/**
 * Opens a realtime session with `fal-ai/gpt-image-1/text-to-image/byok` (fal's WebSocket, msgpack frames): `send` inputs, iterate the outputs, `close()`.
 * In a browser, pass a `tokenProvider` that asks your server (see `createTokenHandler`): the key never reaches the page.
 */
export function realtime(client, options) {
    return $realtime.realtime(client, endpointId, options);
}
//# sourceMappingURL=index.js.map